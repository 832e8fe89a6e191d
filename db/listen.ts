import pg from 'pg';
import type { Database } from './client.ts';

export interface Listener {
  close(): Promise<void>;
}

export interface ListenOptions {
  /**
   * Called after the connection was lost and is back: notifications sent meanwhile are gone, so whatever the
   * channel keeps fresh must be reloaded.
   */
  onResync?: () => void;
  /** A lost connection, logged by the caller; the listener keeps trying. */
  onError?: (error: Error) => void;
  /** Delay before reconnecting after a loss; default 1 s. */
  retryMs?: number;
}

/**
 * Calls `onMessage` with each NOTIFY payload on `channel`. PGlite delivers in-process; on PostgreSQL one dedicated
 * connection (outside the pool, so a busy pool never delays a notification) LISTENs and reconnects after a server
 * restart, telling the caller to resync.
 * @example const stop = await listenTo(database, 'porchlight_locations', (id) => cache.evict(id))
 */
export async function listenTo(
  database: Database,
  channel: string,
  onMessage: (payload: string) => void,
  options: ListenOptions = {},
): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new TypeError(`not a channel name: ${channel}`);
  if (database.pglite) {
    const unlisten = await database.pglite.listen(channel, onMessage);
    return { close: () => unlisten() };
  }
  if (!database.connectionString) throw new TypeError('listenTo needs PGlite or a PostgreSQL connection string');
  const url = database.connectionString;
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (isRetry: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    next.on('error', (error) => lost(error));
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (closed) return void next.end().catch(() => {});
    client = next;
    if (isRetry) options.onResync?.();
  };
  const lost = (error: Error) => {
    if (closed) return;
    options.onError?.(error);
    client?.end().catch(() => {});
    client = undefined;
    clearTimeout(timer);
    timer = setTimeout(() => {
      connect(true).catch((again: Error) => lost(again));
    }, options.retryMs ?? 1000);
    timer.unref();
  };
  await connect(false);
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
