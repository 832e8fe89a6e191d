/** What `porchlight status` reports: the queues, the worker processes, the dead letters and the ingest rate. */
export interface ClusterStatus {
  /** Every queue of the catalogue, in catalogue order. */
  queues: QueueStatus[];
  /** The longest any due job has waited for a worker, in seconds (null: nothing is waiting). */
  oldestWaitingSeconds: number | null;
  workers: {
    /** Worker processes (`start` or `work`) that heart-beat recently. */
    live: number;
    processes: Array<{ host: string; pid: number; concurrency: number; startedAt: string; seenAt: string }>;
  };
  deadLetters: {
    total: number;
    /** By the queue the job failed on. */
    byQueue: Record<string, number>;
  };
  ingest: {
    /** Inbound events stored in the last 60 seconds. */
    lastMinute: number;
    perSecond: number;
  };
}

export interface QueueStatus {
  name: string;
  created: number;
  retry: number;
  active: number;
  oldestWaitingSeconds: number | null;
}

/** Seconds as people read them: `850 ms`, `4.2 s`, `3 min`, `2.5 h`. */
export function formatAge(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The terminal report: busy queues as a table (idle ones left out), then workers, dead letters and ingest. */
export function renderClusterStatus(status: ClusterStatus): string {
  const busy = status.queues.filter((q) => q.created + q.retry + q.active > 0);
  const lines: string[] = [];
  if (!busy.length) lines.push('queues: all empty');
  else {
    const width = Math.max(5, ...busy.map((q) => q.name.length));
    const row = (cells: string[]) =>
      [cells[0].padEnd(width), ...cells.slice(1).map((c) => c.padStart(9))].join('  ').trimEnd();
    lines.push(row(['queue', 'created', 'retry', 'active', 'oldest']));
    for (const q of busy)
      lines.push(
        row([
          q.name,
          String(q.created),
          String(q.retry),
          String(q.active),
          q.oldestWaitingSeconds === null ? '–' : formatAge(q.oldestWaitingSeconds),
        ]),
      );
  }
  const { workers, deadLetters, ingest } = status;
  const hosts = workers.processes.map((p) => `${p.host}:${p.pid} ×${p.concurrency}`);
  lines.push(`workers: ${workers.live} live${hosts.length ? ` (${hosts.join(', ')})` : ''}`);
  const failed = Object.entries(deadLetters.byQueue).map(([queue, n]) => `${queue} ${n}`);
  lines.push(
    `dead letters: ${deadLetters.total}${failed.length ? ` (${failed.join(', ')}; porchlight dlq list)` : ''}`,
  );
  lines.push(`ingest: ${ingest.lastMinute} events in the last minute (${ingest.perSecond.toFixed(1)}/s)`);
  return `${lines.join('\n')}\n`;
}
