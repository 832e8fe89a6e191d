import { recordAudit } from '../../db/queries/audit.ts';
import { defineHandler } from '../handler.ts';
import { ghlClientFor, type TenantGhl } from '../shared/ghl-client-for-tenant.ts';
import {
  parseGhlWriteback,
  writebackMarker,
  writebackRef,
  type GhlWriteback,
} from '../../db/queries/ghl-writeback-ops.ts';

/**
 * Applies one of our decisions to GHL. Failures throw: pg-boss retries with backoff and finally
 * dead-letters the job with GHL's error (429s are already waited out inside the client).
 *
 * Idempotency per op, because a retry may follow an attempt whose outcome we never saw (timeout,
 * 5xx after GHL acted):
 * - tags are sets, contact/opportunity updates are PUTs of absolute values: repeating is harmless;
 * - notes and tasks carry a marker line; a retry lists the contact's notes/tasks first and skips
 *   when its marker is already there (the first attempt sends without looking: one request);
 * - messages cannot be found again cheaply, so a retried `send_message` may text twice. The client
 *   never retries a send by itself; only a failed job attempt does (documented in docs/ghl-writeback.md).
 */
export default defineHandler('ghl.writeback', async (data, { runtime, job }) => {
  const writeback = parseGhlWriteback(data.op, data.args);
  const log = runtime.logger.child({ queue: 'ghl.writeback', tenantId: data.tenantId, op: data.op, jobId: job.id });
  const ghl = await ghlClientFor(runtime, data.tenantId, data.locationId);
  if (!ghl) {
    log.warn(
      'GHL write-back skipped: the tenant has no GHL location ' +
        '(add one with porchlight tenant add --ghl-location, or set GHL_LOCATION_ID)',
    );
    return;
  }
  const ref = 'ref' in writeback.args && writeback.args.ref ? writeback.args.ref : writebackRef(`job:${job.id}`);
  const result = await apply(ghl, writeback, { ref, retrying: job.retryCount > 0 });
  await recordAudit(runtime.db, {
    tenantId: data.tenantId,
    entity: 'ghl',
    entityId: target(writeback),
    action: `ghl.${data.op}`,
    actor: 'system',
    reason: result,
    data: { locationId: ghl.locationId, jobId: job.id },
  });
  log.info({ locationId: ghl.locationId, auth: ghl.auth, result }, 'GHL write-back applied');
});

type Outcome = 'applied' | 'already_applied';

async function apply(ghl: TenantGhl, w: GhlWriteback, ctx: { ref: string; retrying: boolean }): Promise<Outcome> {
  const loc = ghl.locationId;
  const marker = writebackMarker(ctx.ref);
  switch (w.op) {
    case 'add_note': {
      if (ctx.retrying && (await ghl.extra.listNotes(loc, w.args.contactId)).some((n) => n.body?.includes(marker)))
        return 'already_applied';
      await ghl.api.addNote(loc, w.args.contactId, { body: `${w.args.body}\n${marker}` });
      return 'applied';
    }
    case 'create_task': {
      if (ctx.retrying && (await ghl.extra.listTasks(loc, w.args.contactId)).some((t) => t.body?.includes(marker)))
        return 'already_applied';
      const { contactId, title, body, dueDate, assignedTo } = w.args;
      await ghl.api.createTask(loc, contactId, {
        title,
        body: body ? `${body}\n${marker}` : marker,
        dueDate,
        assignedTo,
      });
      return 'applied';
    }
    case 'add_tags':
      await ghl.api.addTags(loc, w.args.contactId, w.args.tags);
      return 'applied';
    case 'remove_tags':
      await ghl.api.removeTags(loc, w.args.contactId, w.args.tags);
      return 'applied';
    case 'update_opportunity': {
      const { opportunityId, ...update } = w.args;
      await ghl.api.updateOpportunity(loc, opportunityId, update);
      return 'applied';
    }
    case 'assign_contact':
      await ghl.extra.assignContact(loc, w.args.contactId, w.args.ghlUserId);
      return 'applied';
    case 'set_dnd':
      await ghl.extra.setDnd(loc, w.args.contactId, w.args.channel, w.args.active, w.args.reason);
      return 'applied';
    case 'send_message': {
      const { contactId, type, message, subject } = w.args;
      await ghl.api.sendMessage(
        loc,
        type === 'Email' ? { type, contactId, subject: subject!, message } : { type, contactId, message },
      );
      return 'applied';
    }
  }
}

function target(w: GhlWriteback): string {
  return 'contactId' in w.args ? w.args.contactId : w.args.opportunityId;
}
