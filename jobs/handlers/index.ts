import type { QueueName } from '../registry.ts';
import type { JobHandler } from '../handler.ts';

type Loader = () => Promise<{ default: JobHandler<never> }>;

/**
 * One line per queue: its handler, loaded lazily so `serve` never loads worker code.
 * A queue without a line here has no worker in this build.
 */
export const HANDLERS: Partial<Record<QueueName, Loader>> = {
  maintenance: () => import('./maintenance.ts') as never,
  'lead.score': () => import('./lead-score.ts') as never,
  'model.train': () => import('./model-train.ts') as never,
  'alert.route': () => import('./alert-route.ts') as never,
  'alert.deliver': () => import('./alert-deliver.ts') as never,
  'alert.refresh': () => import('./alert-refresh.ts') as never,
  'chat.action': () => import('./chat-action.ts') as never,
  'alert.escalate': () => import('./alert-escalate.ts') as never,
  'digest.send': () => import('./digest-send.ts') as never,
  'ghl.writeback': () => import('./ghl-writeback.ts') as never,
  'ghl.reconcile': () => import('./ghl-reconcile.ts') as never,
  'ghl.event': () => import('./ghl-event.ts') as never,
  'crm.event': () => import('./crm-event.ts') as never,
  'sms.inbound': () => import('./sms-inbound.ts') as never,
  'sms.status': () => import('./sms-status.ts') as never,
  'sms.send': () => import('./sms-send.ts') as never,
  'email.event': () => import('./email-event.ts') as never,
  'listing.changed': () => import('./listing-changed.ts') as never,
  'listing.match': () => import('./listing-match.ts') as never,
  'listing.sync': () => import('./listing-sync.ts') as never,
};
