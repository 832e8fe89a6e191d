import { nextAllowedSendTime, quietWindowFor, type QuietWindow } from '../messaging/quiet-hours.ts';
import { waitMs, type AutomationStep } from './automation-action.ts';
import type { AutomationRule } from './automation-rule.ts';
import { triggerMatches } from './automation-trigger.ts';
import type { DryRunExit, DryRunLead, DryRunOccurrence, DryRunSettings } from './dry-run.ts';
import type { DryRunRuleReport } from './dry-run-report.ts';
import { ceilingRefusal, decideRunStart, exitReason } from './run-decisions.ts';

const DAY = 86_400_000;
/** A lead whose own rules keep feeding each other is cut off here rather than looping the dry run. */
const MAX_ITEMS_PER_LEAD = 10_000;

/** What the replay of every lead adds to: the rules' reports, the hours of firings, the notes. */
export interface DryRunTally {
  /** In the order the engine runs them (by id). */
  rules: readonly AutomationRule[];
  settings: DryRunSettings;
  report(ruleId: string): DryRunRuleReport;
  fired(rule: AutomationRule, lead: DryRunLead, at: Date): void;
  /** The team-local date of a moment, for `if` anniversaries. */
  dateOf(at: Date): string;
  note(text: string): void;
}

interface Run {
  rule: AutomationRule;
  key: string;
  startedAt: number;
  position: number;
  causedBy: string[];
  ended: boolean;
}

type Queued = { at: number } & ({ kind: 'trigger'; trigger: DryRunOccurrence } | { kind: 'step'; run: Run });
type Item = Queued & { seq: number };
type Action = Exclude<AutomationStep, { do: 'wait' }>;

const takes = (rule: AutomationRule, t: DryRunOccurrence) =>
  (!t.onlyRules || t.onlyRules.includes(rule.id)) && triggerMatches(rule.when, t);

/**
 * One lead's history replayed in time order: her events and the steps waiting on them, each rule started at most
 * once per occurrence, her simulated sends counted against her ceiling.
 */
export class LeadReplay {
  private readonly queue: Item[] = [];
  private seq = 0;
  private readonly seen = new Set<string>();
  private readonly runs: Run[] = [];
  private readonly sent: number[] = [];
  private readonly exits: DryRunExit[];
  private readonly replies: number[];
  private readonly window: QuietWindow;

  private readonly lead: DryRunLead;
  private readonly tally: DryRunTally;

  constructor(lead: DryRunLead, tally: DryRunTally) {
    this.lead = lead;
    this.tally = tally;
    this.exits = [...lead.exits];
    this.replies = lead.exits.filter((e) => e.kind === 'replied').map((e) => e.at.getTime());
    this.window = quietWindowFor(lead.state ?? undefined, tally.settings.quietWindows);
    for (const trigger of lead.occurrences) this.push({ at: Date.parse(trigger.at), kind: 'trigger', trigger });
  }

  run(): void {
    let handled = 0;
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      if (++handled > MAX_ITEMS_PER_LEAD) {
        this.tally.note(
          `Replay for ${this.lead.name} stopped after ${MAX_ITEMS_PER_LEAD} steps (rules feeding each other).`,
        );
        return;
      }
      if (item.kind === 'step') this.wake(item.run, item.at);
      else
        for (const rule of this.tally.rules)
          if (takes(rule, item.trigger)) this.start(rule, item.trigger.occurrence, item.trigger.causedBy, item.at);
    }
  }

  /** Ordered by time, then by when it was queued (an event before the steps it causes at the same instant). */
  private push(queued: Queued): void {
    const item = { ...queued, seq: this.seq++ };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.queue[mid];
      if (other.at < item.at || (other.at === item.at && other.seq < item.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, item);
  }

  private start(rule: AutomationRule, occurrence: string, causedBy: string[], at: number): void {
    const key = `${rule.id}\u0000${occurrence}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const when = new Date(at);
    const decision = decideRunStart(rule, { causedBy }, this.lead.factsAt(when), this.tally.dateOf(when));
    if (!decision.start) {
      this.tally.report(rule.id).skipped[decision.reason.startsWith('loop') ? 'loop' : 'conditions']++;
      return;
    }
    this.tally.fired(rule, this.lead, when);
    const run: Run = { rule, key, startedAt: at, position: 0, causedBy, ended: false };
    this.runs.push(run);
    this.advance(run, at);
  }

  private end(run: Run, status: keyof DryRunRuleReport['runs']): void {
    run.ended = true;
    this.tally.report(run.rule.id).runs[status]++;
  }

  /** Her steps up to the next wait (queued for when it ends, or left waiting past the window). */
  private advance(run: Run, at: number): void {
    const steps = run.rule.then;
    while (run.position < steps.length && !run.ended) {
      const step = steps[run.position];
      run.position++;
      if (step.do === 'wait') {
        const next = at + waitMs(step);
        if (next > this.tally.settings.until.getTime()) return this.end(run, 'waiting');
        return this.push({ at: next, kind: 'step', run });
      }
      this.perform(run, step, at);
    }
    if (!run.ended) this.end(run, 'completed');
  }

  /** A wait is over: the run leaves if one of its exits happened since it started, else goes on. */
  private wake(run: Run, at: number): void {
    if (run.ended) return;
    const since = this.exits.filter((e) => e.at.getTime() > run.startedAt && e.at.getTime() <= at);
    const reason = exitReason(run.rule.exitWhen, {
      replied: since.some((e) => e.kind === 'replied'),
      appointmentBooked: since.some((e) => e.kind === 'appointment_booked'),
      optedOut: since.some((e) => e.kind === 'opted_out'),
      stages: since.flatMap((e) => (e.kind === 'stage' && e.stage ? [e.stage] : [])),
    });
    if (reason) return this.end(run, 'exited');
    this.advance(run, at);
  }

  private perform(run: Run, step: Action, at: number): void {
    const report = this.tally.report(run.rule.id);
    report.steps[step.do] = (report.steps[step.do] ?? 0) + 1;
    const causedBy = [...run.causedBy, run.rule.id];
    const effect = `effect:${run.key}:${run.position}`;
    const iso = new Date(at).toISOString();
    switch (step.do) {
      case 'text_lead':
      case 'email_lead':
        // As the engine does: an opted-out lead leaves a sequence that exits on opt-out.
        if (this.message(report, step.do, at) === 'opted_out' && run.rule.exitWhen.includes('opted_out'))
          this.end(run, 'exited');
        return;
      case 'enroll': {
        const target = this.tally.rules.find((r) => r.id === step.ruleId);
        if (target) this.start(target, `enroll:${effect}`, causedBy, at);
        else this.tally.note(`${run.rule.id} enrolls ${step.ruleId}, which is not in the file: not replayed.`);
        return;
      }
      case 'stop':
        for (const other of this.runs)
          if (!other.ended && other !== run && (step.ruleId === '*' || other.rule.id === step.ruleId))
            this.end(other, 'cancelled');
        return;
      case 'add_tag':
      case 'remove_tag': {
        const event = step.do === 'add_tag' ? ('tag_added' as const) : ('tag_removed' as const);
        return this.push({
          at,
          kind: 'trigger',
          trigger: { event, occurrence: effect, at: iso, tag: step.tag, causedBy },
        });
      }
      case 'move_stage': {
        for (const stage of [step.stageId, step.status])
          if (stage) this.exits.push({ at: new Date(at), kind: 'stage', stage });
        const trigger = { event: 'stage_changed' as const, occurrence: effect, at: iso, causedBy };
        return this.push({ at, kind: 'trigger', trigger: { ...trigger, stageId: step.stageId, status: step.status } });
      }
      default:
        return;
    }
  }

  /** What a text or email to her would have met: consent, her ceiling, then (texts) quiet hours. */
  private message(report: DryRunRuleReport, kind: 'text_lead' | 'email_lead', at: number): 'opted_out' | undefined {
    const facts = this.lead.factsAt(new Date(at));
    const consent = kind === 'text_lead' ? facts.consentSms : facts.consentEmail;
    if (consent === 'opted_out') {
      report.messages.blockedConsent++;
      return 'opted_out';
    }
    if (consent === 'no_address') return void report.messages.blockedNoAddress++;
    const lastDay = this.sent.filter((t) => t > at - DAY && t <= at).length;
    const lastWeek = this.sent.filter((t) => t > at - 7 * DAY && t <= at).length;
    const { limits, replyWindowMinutes } = this.tally.settings;
    if (ceilingRefusal({ lastDay, lastWeek }, limits)) return void report.messages.blockedCeiling++;
    this.sent.push(at);
    if (kind === 'email_lead') return void report.messages.wouldSend++;
    const answering = this.replies.some((r) => r <= at && at - r <= replyWindowMinutes * 60_000);
    const held = !answering && nextAllowedSendTime(new Date(at), this.lead.timeZone, this.window).getTime() > at;
    report.messages[held ? 'deferredQuietHours' : 'wouldSend']++;
  }
}
