import type { Job } from 'pg-boss';
import { createTenant, createAgent } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { JobPayload } from '../../jobs/catalogue.ts';
import writeback from '../../jobs/handlers/ghl-writeback.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { GHL } from '../ghl/ghl-test-server.ts';

export const LOC = 've9EPM428h8vShlRW1KT';
export const CONTACT = 'nmFmQEsNgz6AVpgLVUJ0';
export const PRIVATE_ENV = { GHL_API_URL: GHL, GHL_TOKEN: 'pit-secret', GHL_LOCATION_ID: LOC };

/** A team with one GHL location, an agent linked to a GHL user and a hot lead that is a GHL contact. */
export async function seedTeam(rt: Runtime, options: { ghlLocations?: string[] } = {}) {
  const { tenant } = await createTenant(rt.db, {
    name: 'Lone Star Homes',
    timezone: 'America/Chicago',
    ghlLocations: options.ghlLocations ?? [LOC],
  });
  const agent = await createAgent(rt.db, {
    tenantId: tenant.id,
    name: 'Maria',
    email: 'maria@lonestar.test',
    ghlUserId: 'ghl-user-maria',
  });
  const lead = await createLead(rt.db, {
    tenantId: tenant.id,
    ghlContactId: CONTACT,
    ghlLocationId: LOC,
    name: 'Ana Lopez',
    score: 86,
    temperature: 'hot',
  });
  return { tenant, agent, lead };
}

export async function privateRuntime(env: Record<string, string> = PRIVATE_ENV): Promise<Runtime> {
  return createTestRuntime({ env });
}

/** Runs the real handler on one payload, as a worker would on attempt `retryCount`. */
export function runWriteback(
  rt: Runtime,
  data: JobPayload<'ghl.writeback'>,
  job: { id?: string; retryCount?: number } = {},
) {
  return writeback(data, {
    runtime: rt,
    job: { id: job.id ?? 'job-1', retryCount: job.retryCount ?? 0, signal: new AbortController().signal },
  });
}

/** The write-back jobs waiting in the queue, by op name (jobs enqueued in one transaction share a timestamp). */
export async function queuedWritebacks(rt: Runtime): Promise<Array<Job<JobPayload<'ghl.writeback'>>>> {
  const jobs = await rt.queue.boss.findJobs<JobPayload<'ghl.writeback'>>('ghl.writeback', {});
  return jobs.filter((j) => j.state === 'created').sort((a, b) => a.data.op.localeCompare(b.data.op));
}
