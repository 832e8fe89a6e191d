import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import { installedGhlLocations, tenantGhlLocationIds } from '../../db/queries/ghl-locations.ts';
import { hasOAuthTokens } from '../../db/queries/ghl-tokens.ts';
import { sealedTenantCredentials } from '../../db/queries/tenants/tenant-credentials.ts';
import { secretKeys } from '../../core/config/load-env.ts';
import { openTenantCredentials } from '../../core/tenants/tenant-credentials.ts';
import { createGhlClient, type GhlClient } from '../../integrations/ghl/ghl-client.ts';
import { privateTokenAuth, type GhlAuth } from '../../integrations/ghl/ghl-auth.ts';
import { createGhlTransport, type GhlTransport } from '../../integrations/ghl/ghl-transport.ts';
import { GhlApiContact, GhlApiNote, GhlApiTask } from '../../core/ghl/ghl-api-schemas.ts';
import type { Runtime } from '../runtime.ts';

/** Calls the shared client does not have yet, sent through the same auth, rate limit and retry rules. */
export interface GhlExtraCalls {
  /** GET /contacts/:id/notes: lets a retried write-back find the note its first attempt may have posted. */
  listNotes(locationId: string, contactId: string): Promise<GhlApiNote[]>;
  listTasks(locationId: string, contactId: string): Promise<GhlApiTask[]>;
  /** PUT /contacts/:id {assignedTo}: the contact owner GHL users see in their lists. */
  assignContact(locationId: string, contactId: string, ghlUserId: string): Promise<GhlApiContact>;
  /** PUT /contacts/:id {dndSettings}: per-channel DND, so GHL's own sends respect our opt-outs. */
  setDnd(
    locationId: string,
    contactId: string,
    channel: 'SMS' | 'Email',
    active: boolean,
    message?: string,
  ): Promise<GhlApiContact>;
}

export interface TenantGhl {
  locationId: string;
  /** `private`: a private integration token, the team's own (`tenant set <id> ghl.token=…`) or GHL_TOKEN. */
  auth: 'oauth' | 'private';
  api: GhlClient;
  extra: GhlExtraCalls;
}

/**
 * The GHL client for a tenant's location, authenticated by the first of:
 * 1. the location's OAuth tokens (the Marketplace app installed through `porchlight connect ghl`);
 * 2. the team's own private integration token, stored sealed (`porchlight tenant set <id> ghl.token=…`);
 * 3. env GHL_TOKEN, which belongs to one sub-account (GHL_LOCATION_ID when set).
 *
 * Returns null when the tenant has no GHL at all (no location of its own and no env location it may
 * use): a team may run Porchlight without a CRM, so callers skip with a warning. A location that
 * exists but cannot be authenticated throws `invalid_config`, so its job dead-letters with the
 * reason and can be replayed once the operator fixes the configuration.
 *
 * The state behind the clients is kept per runtime (`runtime.providers`): one token bucket per process
 * (GHL's limit is per location and shared by all our calls) and one OAuth single-flight per process.
 * @example
 * const ghl = await ghlClientFor(runtime, tenantId);
 * if (ghl) await ghl.api.addTags(ghl.locationId, contactId, ['hot']);
 */
export async function ghlClientFor(runtime: Runtime, tenantId: string, locationId?: string): Promise<TenantGhl | null> {
  const location = await resolveLocation(runtime, tenantId, locationId);
  if (!location) return null;
  const { env } = runtime;
  if (await hasOAuthTokens(runtime.db, location)) {
    if (!env.GHL_CLIENT_ID || !env.GHL_CLIENT_SECRET) {
      throw new AppError(
        'invalid_config',
        `GHL location ${location} has OAuth tokens but GHL_CLIENT_ID and GHL_CLIENT_SECRET are not set`,
      );
    }
    if (!env.APP_SECRET)
      throw new AppError(
        'invalid_config',
        `APP_SECRET is required to read the stored GHL tokens of location ${location}`,
      );
    return { locationId: location, auth: 'oauth', ...build(runtime, runtime.providers.ghlOAuth()) };
  }
  const own = await teamToken(runtime, tenantId);
  if (own) return { locationId: location, auth: 'private', ...build(runtime, privateTokenAuth(own)) };
  if (env.GHL_TOKEN && (!env.GHL_LOCATION_ID || env.GHL_LOCATION_ID === location)) {
    return { locationId: location, auth: 'private', ...build(runtime, privateTokenAuth(env.GHL_TOKEN)) };
  }
  const fixes =
    `install the Marketplace app (porchlight connect ghl --tenant ${tenantId}) ` +
    `or store the team's private integration token (porchlight tenant set ${tenantId} ghl.token=…)`;
  throw new AppError(
    'invalid_config',
    env.GHL_TOKEN
      ? `no GHL credentials for location ${location}: GHL_TOKEN belongs to location ${env.GHL_LOCATION_ID}; ${fixes}`
      : `no GHL credentials for location ${location}: ${fixes}, or set GHL_TOKEN (+ GHL_LOCATION_ID)`,
  );
}

/** The team's own private integration token; unreadable without APP_SECRET, so then it is as good as absent. */
async function teamToken(runtime: Runtime, tenantId: string): Promise<string | null> {
  const secrets = secretKeys(runtime.env);
  const row = await sealedTenantCredentials(runtime.db, tenantId);
  if (!row?.credentials) return null;
  if (!secrets.length)
    throw new AppError('invalid_config', `APP_SECRET is required to read the stored GHL token of tenant ${tenantId}`);
  return openTenantCredentials(row.credentials, secrets).ghl?.token ?? null;
}

/**
 * The location to write to: the one asked for, else the tenant's first active one, else the env
 * location if nobody else owns it.
 */
async function resolveLocation(runtime: Runtime, tenantId: string, requested?: string): Promise<string | null> {
  const rows = await installedGhlLocations(runtime.db);
  const owner = (loc: string) => rows.find((r) => r.locationId === loc)?.tenantId;
  const envLocation = runtime.env.GHL_LOCATION_ID;
  const mayUse = (loc: string) => owner(loc) === tenantId || (loc === envLocation && owner(loc) === undefined);
  if (requested) {
    if (!mayUse(requested))
      throw new AppError('forbidden', `GHL location ${requested} does not belong to tenant ${tenantId}`);
    return requested;
  }
  const own = rows.find((r) => r.tenantId === tenantId)?.locationId;
  if (own) return own;
  return envLocation && mayUse(envLocation) ? envLocation : null;
}

/** Every active location of a tenant (reconcile walks them all). */
export async function tenantGhlLocations(runtime: Runtime, tenantId: string): Promise<string[]> {
  const own = await tenantGhlLocationIds(runtime.db, tenantId);
  if (own.length) return own;
  const fallback = await resolveLocation(runtime, tenantId);
  return fallback ? [fallback] : [];
}

function build(runtime: Runtime, auth: GhlAuth): { api: GhlClient; extra: GhlExtraCalls } {
  const bucket = runtime.providers.ghlBucket();
  const common = { auth, bucket, baseUrl: runtime.env.GHL_API_URL, clock: runtime.clock, fetch: runtime.fetch };
  return { api: createGhlClient(common), extra: extraCalls(createGhlTransport(common)) };
}

const NotesResponse = z.looseObject({ notes: z.array(GhlApiNote) });
const TasksResponse = z.looseObject({ tasks: z.array(GhlApiTask) });
const ContactResponse = z.looseObject({ contact: GhlApiContact });

function extraCalls(send: GhlTransport): GhlExtraCalls {
  const id = encodeURIComponent;
  return {
    async listNotes(locationId, contactId) {
      return (
        await send(
          { method: 'GET', path: `/contacts/${id(contactId)}/notes`, family: 'contacts', locationId, idempotent: true },
          NotesResponse,
        )
      ).notes;
    },
    async listTasks(locationId, contactId) {
      return (
        await send(
          { method: 'GET', path: `/contacts/${id(contactId)}/tasks`, family: 'contacts', locationId, idempotent: true },
          TasksResponse,
        )
      ).tasks;
    },
    async assignContact(locationId, contactId, ghlUserId) {
      const body = { assignedTo: ghlUserId };
      return (
        await send(
          { method: 'PUT', path: `/contacts/${id(contactId)}`, family: 'contacts', locationId, body, idempotent: true },
          ContactResponse,
        )
      ).contact;
    },
    async setDnd(locationId, contactId, channel, active, message) {
      const body = {
        dndSettings: { [channel]: { status: active ? 'active' : 'inactive', ...(message ? { message } : {}) } },
      };
      return (
        await send(
          { method: 'PUT', path: `/contacts/${id(contactId)}`, family: 'contacts', locationId, body, idempotent: true },
          ContactResponse,
        )
      ).contact;
    },
  };
}
