import { describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { runJob } from '../../jobs/run-job.ts';
import { createApp } from '../../webhooks/app.ts';

const ANA = { name: 'Anabel Quintanilla', phone: '+15125550142', email: 'anabel.q@example.com' };

/** A logger whose output lands in `lines`, as the process would print it. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

describe('a failed query in the logs', () => {
  it("a worker's failing insert is logged with its SQLSTATE, never the lead's name, phone or email", async () => {
    const rt = await createTestRuntime();
    const { logger, text } = capturedLogger();
    rt.logger = logger;
    const { tenant } = await createTenant(rt.db, { name: 'Hill Country Homes' });
    const lead = await createLead(rt.db, { tenantId: tenant.id, ghlContactId: 'c-1', ...ANA });
    // The second insert of the same GHL contact breaks the unique index, with Ana's details bound as parameters.
    const duplicate = () => createLead(rt.db, { tenantId: tenant.id, ghlContactId: 'c-1', ...ANA }).then(() => {});

    const job = { id: 'job-1', retryCount: 0, signal: new AbortController().signal };
    await expect(
      runJob(rt, 'lead.score', { ...job, data: { tenantId: tenant.id, leadId: lead.id } }, { 'lead.score': duplicate }),
    ).rejects.toThrow();

    const logged = text();
    expect(logged).toContain('job failed');
    expect(logged).toContain('"code":"23505"');
    expect(logged).toContain('leads_tenant_ghl_contact_uq');
    for (const pii of [ANA.name, 'Anabel', ANA.phone, '5125550142', ANA.email]) expect(logged).not.toContain(pii);
  });

  it('an unhandled failed query in a request is logged without the parameters, and answered 500 without them', async () => {
    const rt = await createTestRuntime();
    const { logger, text } = capturedLogger();
    rt.logger = logger;
    const { tenant } = await createTenant(rt.db, { name: 'Hill Country Homes' });
    await createLead(rt.db, { tenantId: tenant.id, ghlContactId: 'c-1', ...ANA });
    const app = createApp(rt);
    // Stands in for any route whose query fails in a way we did not foresee.
    app.post('/boom', async (c) => {
      await createLead(rt.db, { tenantId: tenant.id, ghlContactId: 'c-1', ...ANA });
      return c.json({});
    });
    const res = await app.request('/boom', { method: 'POST', body: JSON.stringify(ANA) });
    expect(res.status).toBe(500);
    const answer = await res.text();
    const logged = text();
    expect(logged).toContain('"code":"23505"');
    for (const pii of [ANA.name, ANA.phone, '5125550142', ANA.email]) {
      expect(logged).not.toContain(pii);
      expect(answer).not.toContain(pii);
    }
  });

  it('bodies and headers passed to a log call are redacted', () => {
    const { logger, text } = capturedLogger();
    logger.warn(
      { provider: 'ghl', rawBody: JSON.stringify(ANA), headers: { 'x-ghl-signature': 'sig' }, event: { body: ANA } },
      'inbound webhook kept',
    );
    expect(text()).toContain('inbound webhook kept');
    for (const pii of [ANA.name, ANA.phone, ANA.email, 'sig']) expect(text()).not.toContain(pii);
  });
});
