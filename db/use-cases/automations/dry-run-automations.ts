import type { AutomationRule } from '../../../core/automations/automation-rule.ts';
import { createDryRun } from '../../../core/automations/dry-run.ts';
import { scheduleTimes } from '../../../core/automations/dry-run-occurrences.ts';
import type { DryRunReport } from '../../../core/automations/dry-run-report.ts';
import { parseRuleSet } from '../../../core/automations/rule-set-issues.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import { messagingSettings } from '../../../core/messaging/messaging-settings.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import { dryRunLeadPage, dryRunPageHistory, type DryRunActivity } from '../../queries/automations/dry-run-history.ts';
import { openHouseNews } from '../../../core/listings/open-house-news.ts';
import {
  listingChangesBetween,
  openHousesStoredBetween,
  type DryRunListingChange,
  type DryRunOpenHouse,
} from '../../queries/automations/dry-run-listings.ts';
import { keysetPages } from '../../queries/exports/keyset-pages.ts';
import { getTenant } from '../../queries/tenants.ts';
import { dryRunLeadOf } from './dry-run-lead.ts';

/** Leads replayed per page: their history is read in a few queries, and only one page is held at a time. */
export const DRY_RUN_PAGE = 500;

export type AutomationDryRun = DryRunReport & { tenantName: string };

/** What the replay cannot know, said in the report so nobody reads more into its numbers. */
function notesFor(rules: readonly AutomationRule[]): string[] {
  const notes = [
    "Conditions read each lead's fields as they are today (score, tags, stage, consent); " +
      'only days since her last message and office hours are as of each event.',
  ];
  const tagRules = rules.filter((r) => r.when.event === 'tag_added' || r.when.event === 'tag_removed');
  if (tagRules.length)
    notes.push(
      `Tag changes from the CRM are in the history only since Porchlight began keeping them; ` +
        `${tagRules.map((r) => r.id).join(', ')} also fire on tags these rules add.`,
    );
  const openHouse = rules.filter(
    (r) => r.when.event === 'listing_event' && (!r.when.changes || r.when.changes.includes('open_house')),
  );
  if (openHouse.length)
    notes.push(
      `Open houses are replayed when each was first stored, as it stands today: a later move to another time ` +
        `is not in the history (${openHouse.map((r) => r.id).join(', ')}).`,
    );
  return notes;
}

function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/**
 * `automations test <file> --days N` and `/automations test`: replays the team's last `days` of stored events
 * (new leads, her messages, stage moves, alerts' signals, score bands, listing changes, silences, schedules)
 * through the candidate rules and reports what they would have done, for whom, and what consent, the ceiling
 * and quiet hours would have stopped. Read-only: no transaction, no row, no job; nothing is sent.
 * @example await dryRunAutomations({ db, clock }, { tenantId, rules: JSON.parse(file), days: 30 })
 */
export async function dryRunAutomations(
  deps: { db: Executor; clock: Clock },
  input: { tenantId: string; rules: unknown; days: number },
): Promise<AutomationDryRun> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 366)
    throw new AppError('validation_failed', 'days must be a whole number from 1 to 366');
  const rules = parseRuleSet(input.rules);
  if (!rules.length) throw new AppError('validation_failed', 'the file has no rules to try');
  const tenant = await getTenant(deps.db, input.tenantId);
  if (!tenant) throw new AppError('not_found', `No tenant with id ${input.tenantId}`);

  const until = deps.clock.now();
  const since = new Date(until.getTime() - input.days * 86_400_000);
  const window = { since, until };
  const wantsListings = rules.some((r) => r.when.event === 'listing_event');
  const changes: DryRunListingChange[] = wantsListings ? await listingChangesBetween(deps.db, tenant.id, window) : [];
  // What the live path would have announced: public, scheduled and still ahead when it reached us.
  const openHouses: DryRunOpenHouse[] = wantsListings
    ? (await openHousesStoredBetween(deps.db, tenant.id, window)).filter((o) => openHouseNews(null, o, o.at))
    : [];
  const ctx = {
    tenant,
    rules,
    window,
    changesByListing: byKey(changes, (c) => c.listingKey),
    openHousesByListing: byKey(openHouses, (o) => o.listingKey),
    schedules: rules.map((rule) => ({ rule, times: scheduleTimes(rule, window, tenant.timezone) })),
  };
  const messaging = messagingSettings(tenant);
  const dry = createDryRun(rules, {
    timeZone: tenant.timezone,
    limits: tenant.settings.automations,
    quietWindows: messaging.quietWindows,
    replyWindowMinutes: messaging.sms.replyWindowMinutes,
    since,
    until,
  });
  const listingKeys = [...new Set([...ctx.changesByListing.keys(), ...ctx.openHousesByListing.keys()])];
  for await (const page of keysetPages(
    (after, limit) => dryRunLeadPage(deps.db, tenant.id, after, limit),
    DRY_RUN_PAGE,
  )) {
    const history = await dryRunPageHistory(deps.db, { tenantId: tenant.id, leads: page, window, listingKeys });
    const acts = byKey<DryRunActivity>(history.activities, (a) => a.leadId);
    for (const lead of page) dry.replay(dryRunLeadOf(lead, acts.get(lead.id) ?? [], history, ctx));
  }
  return { tenantName: tenant.name, ...dry.report(input.days, notesFor(rules)) };
}
