import { DEFAULT_MODEL } from '../../../core/scoring/default-model.ts';
import { alertSignalFor } from '../../../core/scoring/alert-signal-for.ts';
import { detectSignals, learnedAt, type LeadSignal } from '../../../core/scoring/detect-signals.ts';
import { extractFeatures } from '../../../core/scoring/lead-features.ts';
import { scoreLead as scoreFeatures, type LeadScore } from '../../../core/scoring/score-lead.ts';
import type { ScoringModel } from '../../../core/scoring/scoring-model.ts';
import { decayForSilence } from '../../../core/scoring/quiet-decay.ts';
import { shortestStaleDays } from '../../../core/alerts/stale-limits.ts';
import type { AlertCause } from '../../../core/alerts/alert-timings.ts';
import type { Lane } from '../../../core/inbound/job-lane.ts';
import { observeAlertStage, type Metrics } from '../../../core/observability/metrics.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { loadLeadSnapshot } from '../../queries/leads/lead-snapshot.ts';
import { updateLead } from '../../queries/leads.ts';
import { getActiveModel } from '../../queries/scoring-models.ts';
import { getTenant, type Tenant } from '../../queries/tenants.ts';
import { raiseAlert, type RaiseAlertResult } from '../alerts/raise-alert.ts';
import { queueScoreTriggers } from '../../queries/automations/queue-score-triggers.ts';
import { MODEL_ACTIVATED_TRIGGER } from './activate-scoring-model.ts';

export interface ScoreLeadResult {
  previousScore: number | null;
  score: LeadScore;
  signals: Array<{ code: LeadSignal['code']; outcome: RaiseAlertResult['outcome'] }>;
}

/**
 * What `lead.score` does: score the lead with the tenant's active model (else the default), then
 * in one transaction store the score, raise the alerts its signals call for and write an audit
 * line. The lead row is locked first, so concurrent re-scores of one lead serialize and a crossing
 * into hot is seen, and alerted, once. Null when the lead or tenant no longer exists. With a `cause`
 * (the inbound event that asked for this score), the alerts it raises keep when the lead wrote.
 * @example const result = await scoreLead({ db, queue, clock }, { tenantId, leadId, trigger: 'sms.inbound' })
 */
export async function scoreLead(
  deps: { db: Db; queue: JobQueue; clock: Clock; metrics?: Metrics },
  input: {
    tenantId: string;
    leadId: string;
    trigger?: string;
    lane?: Lane;
    cause?: AlertCause;
    /** The team and its scoring model, when the caller re-scores many of its leads and read them once. */
    team?: { tenant: Tenant; model: ScoringModel };
    /** No audit line for a re-score that moved nothing and found nothing (the daily sweep's usual case). */
    auditOnlyChanges?: boolean;
  },
): Promise<ScoreLeadResult | null> {
  const { clock } = deps;
  const team = input.team ?? (await readTeam(deps.db, input.tenantId));
  if (!team) return null;
  const { tenant, model } = team;
  const policy = tenant.settings.alerts;

  const result = await deps.db.transaction(async (tx) => {
    const loaded = await loadLeadSnapshot(tx, input.tenantId, input.leadId, clock, { lock: true });
    if (!loaded) return null;
    const { lead, snapshot } = loaded;
    const now = clock.now();
    // A quiet lead cools by the documented rule (core/scoring/quiet-decay.ts), on every score alike.
    const score = decayForSilence(scoreFeatures(extractFeatures(snapshot, clock), model), { snapshot, model }, clock);
    const previous = lead.score === null ? null : { score: lead.score, scoredAt: lead.signalsSeenAt ?? lead.scoredAt };
    // What this score saw, on the same scale detectSignals uses for "fresh".
    const learned = [
      ...snapshot.activities.map((a) => learnedAt(a, now.getTime())),
      ...(snapshot.facts ?? []).map((f) => learnedAt({ occurredAt: f.at, recordedAt: f.recordedAt }, now.getTime())),
    ].filter((t) => t <= now.getTime());
    const seenThrough = learned.length
      ? new Date(Math.max(...learned, lead.signalsSeenAt?.getTime() ?? 0))
      : lead.signalsSeenAt;
    const detected =
      input.trigger === MODEL_ACTIVATED_TRIGGER
        ? []
        : detectSignals({ previous, current: score, snapshot }, clock, { staleAfterDays: shortestStaleDays(policy) });
    // One hot-lead alert per lead and day: what she did (asked for a showing) says more than the crossing it caused.
    const behaviourFirst = (s: LeadSignal) => (s.kind === 'hot_lead' && s.code !== 'became_hot' ? 0 : 1);
    const found = [...detected].sort((a, b) => behaviourFirst(a) - behaviourFirst(b));

    await updateLead(tx, input.tenantId, lead.id, {
      score: score.score,
      temperature: score.temperature,
      reasons: score.reasons,
      modelVersion: score.modelVersion,
      scoredAt: now,
      // Saw nothing yet: everything recorded from now on is news (epoch, not null, so scoredAt is not used).
      signalsSeenAt: seenThrough ?? new Date(0),
    });

    const signals: ScoreLeadResult['signals'] = [];
    for (const signal of found) {
      const raised = await raiseAlert(
        tx,
        deps.queue,
        {
          tenantId: input.tenantId,
          clock,
          policy,
          signal: alertSignalFor(signal, { leadId: lead.id, score: score.score, previousScore: lead.score, snapshot }),
          details: {
            signal: signal.code,
            why: signal.reason,
            priority: signal.priority,
            modelVersion: score.modelVersion,
            ...(signal.listingKey ? { listingKey: signal.listingKey } : {}),
          },
          ...(input.cause ? { cause: { ...input.cause, scoredAt: now } } : {}),
        },
        deps.metrics,
      );
      signals.push({ code: signal.code, outcome: raised.outcome });
    }

    await queueScoreTriggers(tx, deps.queue, {
      tenantId: input.tenantId,
      leadId: lead.id,
      from: lead.temperature,
      to: score.temperature,
      signals: found.map((f) => f.code),
      at: now,
      lane: input.lane ?? 'bulk',
    });

    const unchanged = lead.score === score.score && lead.temperature === score.temperature && found.length === 0;
    if (!(input.auditOnlyChanges && unchanged))
      await recordAudit(tx, {
        tenantId: input.tenantId,
        entity: 'lead',
        entityId: lead.id,
        action: 'scored',
        actor: 'system',
        reason:
          `${lead.score ?? 'unscored'} \u2192 ${score.score} by ${score.modelVersion}` +
          (input.trigger ? ` after ${input.trigger}` : ''),
        data: {
          score: score.score,
          previousScore: lead.score,
          temperature: score.temperature,
          modelVersion: score.modelVersion,
          trigger: input.trigger ?? null,
          signals,
        },
      });
    return { previousScore: lead.score, score, signals, scoredAt: now };
  });
  if (!result) return null;
  const { scoredAt, ...scored } = result;
  observeAlertStage(deps.metrics, 'scored', {
    lane: input.lane ?? 'bulk',
    receivedAt: input.cause?.receivedAt,
    at: scoredAt,
  });
  return scored;
}

/**
 * The team and the model its leads are scored with (its active model, else the default); undefined when the team
 * is gone. Read once by a caller that re-scores many of one team's leads.
 */
export async function readTeam(db: Db, tenantId: string): Promise<{ tenant: Tenant; model: ScoringModel } | undefined> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) return undefined;
  return { tenant, model: (await getActiveModel(db, tenantId))?.model ?? DEFAULT_MODEL };
}
