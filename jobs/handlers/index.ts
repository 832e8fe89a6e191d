import type { QueueName } from '../registry.ts';
import type { JobHandler } from '../handler.ts';

type Loader = () => Promise<{ default: JobHandler<never> }>;

/**
 * One line per queue: its handler, loaded lazily so `serve` never loads worker code.
 * A queue without a line here has no worker in this build.
 */
export const HANDLERS: Partial<Record<QueueName, Loader>> = {
  'maintenance': () => import('./maintenance.ts') as never,
};
