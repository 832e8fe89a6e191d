/** What `/rules simulate [days] [file]` asks for; the file is a path (terminal) or an attachment's URL. */
export interface RulesSimulateArgs {
  days: number;
  source?: string;
}

export const SIMULATE_DAYS_DEFAULT = 30;

/**
 * `/rules simulate [7d|30|90d] [file]`: only `simulate` exists in chat (rules are saved with
 * `porchlight rules set`). Returns the arguments, or the problem to show with the usage line.
 */
export function parseRulesArgs(args: readonly string[]): RulesSimulateArgs | string {
  const [sub, ...rest] = args;
  if (sub?.toLowerCase() !== 'simulate')
    return 'In chat, `/rules simulate` tries a rules file on past alerts; save rules with `porchlight rules set`.';
  let days = SIMULATE_DAYS_DEFAULT;
  const sources: string[] = [];
  for (const word of rest) {
    const n = /^(\d{1,3})d?$/i.exec(word);
    if (n) days = Number(n[1]);
    else sources.push(word);
  }
  if (days < 1 || days > 366) return 'Days go from 1 to 366.';
  if (sources.length > 1) return 'Attach one rules file.';
  return sources.length ? { days, source: sources[0] } : { days };
}
