import type { Database } from '../../client.ts';
import { listenTo, type Listener } from '../../listen.ts';
import { locationRecord, type LocationRecord } from '../../queries/crm-apply/locations.ts';

/** Which tenant owns a GHL location, answered from memory on the ingest path. */
export interface LocationDirectory {
  lookup(locationId: string): Promise<LocationRecord | undefined>;
  close(): Promise<void>;
}

export interface LocationDirectoryOptions {
  /** Backstop for a notification lost in a way the listener could not see; default 60 s. */
  ttlMs?: number;
  /** Most locations remembered (oldest forgotten first); default 10,000. */
  maxEntries?: number;
  now?: () => number;
  onListenError?: (error: Error) => void;
  /** Told each time the database says a location changed (after the entry is forgotten). */
  onForget?: (locationId: string) => void;
}

/** The NOTIFY channel the tenant_locations trigger (migration 0014) speaks on: payload = location id. */
export const LOCATION_CHANGES_CHANNEL = 'porchlight_locations';

/**
 * A cache of location → tenant (unknown locations included, so a flood from a stranger costs no queries),
 * emptied per location by the database itself: a trigger on tenant_locations sends NOTIFY on every install,
 * uninstall, move to another tenant or delete, in the writing transaction, so every process forgets the location
 * when that commits. The listener starts on the first lookup: a CLI process that never ingests opens nothing.
 * After a lost connection the whole cache is dropped (notifications sent meanwhile are gone).
 * @example const location = await directory.lookup(event.locationId)
 */
export function createLocationDirectory(database: Database, options: LocationDirectoryOptions = {}): LocationDirectory {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { record: LocationRecord | undefined; at: number }>();
  let listener: Promise<Listener | undefined> | undefined;
  let generation = 0;

  const forget = (locationId: string) => {
    entries.delete(locationId);
    generation++;
    options.onForget?.(locationId);
  };
  const forgetAll = () => {
    entries.clear();
    generation++;
  };
  const listen = (): Promise<Listener | undefined> =>
    listenTo(database, LOCATION_CHANGES_CHANNEL, forget, { onResync: forgetAll, onError: options.onListenError }).catch(
      (error: Error) => {
        // Without a listener nothing could tell us about a change: answer from the database every time.
        options.onListenError?.(error);
        return undefined;
      },
    );

  return {
    async lookup(locationId) {
      listener ??= listen();
      const live = await listener;
      const hit = entries.get(locationId);
      if (live && hit && now() - hit.at < ttlMs) return hit.record;
      const seen = generation;
      const record = await locationRecord(database.db, locationId);
      // A change that landed while we were reading may be older than what we read: keep nothing then.
      if (live && seen === generation) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(locationId, { record, at: now() });
      }
      return record;
    },
    async close() {
      const live = await listener;
      await live?.close();
    },
  };
}
