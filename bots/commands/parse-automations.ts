import { RULE_ID } from '../../core/automations/automation-action.ts';

/** What `/automations test [days] [file]` asks for; the file is a path (terminal) or an attachment's URL. */
export interface AutomationsTestArgs {
  days: number;
  source?: string;
}

export type AutomationsArgs =
  | { name: 'automations' }
  | { name: 'automation-toggle'; ruleId: string; enabled: boolean }
  | ({ name: 'automations-test' } & AutomationsTestArgs);

export const AUTOMATIONS_TEST_DAYS_DEFAULT = 30;

const SWITCH: Record<string, boolean> = { on: true, enable: true, off: false, disable: false };

/**
 * `/automations` (the list), `/automations on|off <rule>` (what the buttons do, typed) and
 * `/automations test [7d|30|90d] [file]` (a dry run). Returns the command, or the problem to show with the usage.
 */
export function parseAutomationsArgs(args: readonly string[]): AutomationsArgs | string {
  const [sub, ...rest] = args.map((a) => a.trim()).filter(Boolean);
  const word = sub?.toLowerCase();
  if (word === undefined || (word === 'list' && rest.length === 0)) return { name: 'automations' };
  if (Object.hasOwn(SWITCH, word)) {
    const ruleId = rest[0]?.toLowerCase();
    if (!ruleId || rest.length > 1) return `Which rule? Give its id, like \`automations ${word} new-lead-welcome\`.`;
    if (!RULE_ID.safeParse(ruleId).success) return `\`${rest[0]}\` is not a rule id; \`/automations\` lists them.`;
    return { name: 'automation-toggle', ruleId, enabled: SWITCH[word] };
  }
  if (word === 'test') {
    let days = AUTOMATIONS_TEST_DAYS_DEFAULT;
    const sources: string[] = [];
    for (const w of rest) {
      const n = /^(\d{1,3})d?$/i.exec(w);
      if (n) days = Number(n[1]);
      else sources.push(w);
    }
    if (days < 1 || days > 366) return 'Days go from 1 to 366.';
    if (sources.length > 1) return 'Attach one rules file.';
    return { name: 'automations-test', days, ...(sources.length ? { source: sources[0] } : {}) };
  }
  return '`/automations` takes `on <rule>`, `off <rule>`, `test [days] [file]` or nothing.';
}
