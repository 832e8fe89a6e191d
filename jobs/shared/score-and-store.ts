import type { AlertSignal } from '../../core/alerts/decide-alert.ts';
import { DEFAULT_MODEL } from '../../core/scoring/default-model.ts';
import { detectSignals, learnedAt, type LeadSignal } from '../../core/scoring/detect-signals.ts';
import { extractFeatures } from '../../core/scoring/lead-features.ts';
import type { LeadSnapshot } from '../../core/scoring/lead-snapshot.ts';
import { scoreLead, type LeadScore } from '../../core/scoring/score-lead.ts';
import { auditLog } from '../../db/schema/index.ts';
import { loadLeadSnapshot } from '../../db/queries/lead-snapshot.ts';
import { updateLead } from '../../db/queries/leads.ts';
import { getActiveModel } from '../../db/queries/scoring-models.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../runtime.ts';
import { raiseAlert, type RaiseAlertResult } from './raise-alert.ts';

/** Re-scores after a model switch are bookkeeping, not lead behaviour: they store scores but raise nothing. */
export const MODEL_ACTIVATED_TRIGGER = 'model.activated';

export interface ScoreAndStoreResult {
  previousScore: number | null;
  score: LeadScore;
  signals: Array<{ code: LeadSignal['code']; outcome: RaiseAlertResult['outcome'] }>;
}

/**
 * What `lead.score` does, callable directly (the bench times it): score the lead with the tenant's
 * active model (else the default), then in one transaction store the score, raise the alerts its
 * signals call for and write an audit line. The lead row is locked first, so concurrent re-scores
 * of one lead serialize and a crossing into hot is seen, and alerted, once.
 * Returns null when the lead or tenant no longer exists (nothing to do; the job succeeds).
 */
export async function scoreAndStore(
  rt: Runtime,
  input: { tenantId: string; leadId: string; trigger?: string },
): Promise<ScoreAndStoreResult | null> {
  const tenant = await getTenant(rt.db, input.tenantId);
  if (!tenant) return null;
  const model = (await getActiveModel(rt.db, input.tenantId))?.model ?? DEFAULT_MODEL;
  const settings = tenant.settings as { alerts?: unknown };

  return rt.db.transaction(async (tx) => {
    const loaded = await loadLeadSnapshot(tx, input.tenantId, input.leadId, rt.clock, { lock: true });
    if (!loaded) return null;
    const { lead, snapshot } = loaded;
    const now = rt.clock.now();
    const score = scoreLead(extractFeatures(snapshot, rt.clock), model);
    const previous = lead.score === null ? null : { score: lead.score, scoredAt: lead.signalsSeenAt ?? lead.scoredAt };
    // What this score saw, on the same scale detectSignals uses for "fresh".
    const learned = snapshot.activities.map((a) => learnedAt(a, now.getTime())).filter((t) => t <= now.getTime());
    const seenThrough = learned.length
      ? new Date(Math.max(...learned, lead.signalsSeenAt?.getTime() ?? 0))
      : lead.signalsSeenAt;
    const found =
      input.trigger === MODEL_ACTIVATED_TRIGGER ? [] : detectSignals({ previous, current: score, snapshot }, rt.clock);

    await updateLead(tx, input.tenantId, lead.id, {
      score: score.score,
      temperature: score.temperature,
      reasons: score.reasons,
      modelVersion: score.modelVersion,
      scoredAt: now,
      // Saw nothing yet: everything recorded from now on is news (epoch, not null, so scoredAt is not used).
      signalsSeenAt: seenThrough ?? new Date(0),
    });

    const signals: ScoreAndStoreResult['signals'] = [];
    for (const signal of found) {
      const result = await raiseAlert(tx, rt.queue, {
        tenantId: input.tenantId,
        clock: rt.clock,
        policy: settings.alerts,
        signal: toAlertSignal(signal, lead.id, score.score, lead.score, snapshot),
        details: {
          signal: signal.code,
          why: signal.reason,
          priority: signal.priority,
          modelVersion: score.modelVersion,
          ...(signal.listingKey ? { listingKey: signal.listingKey } : {}),
        },
      });
      signals.push({ code: signal.code, outcome: result.outcome });
    }

    await tx.insert(auditLog).values({
      tenantId: input.tenantId,
      entity: 'lead',
      entityId: lead.id,
      action: 'scored',
      actor: 'system',
      reason: `${lead.score ?? 'unscored'} \u2192 ${score.score} by ${score.modelVersion}${input.trigger ? ` after ${input.trigger}` : ''}`,
      data: {
        score: score.score,
        previousScore: lead.score,
        temperature: score.temperature,
        modelVersion: score.modelVersion,
        trigger: input.trigger ?? null,
        signals,
      },
    });
    return { previousScore: lead.score, score, signals };
  });
}

/**
 * detectSignals speaks in behaviours; the alert policy in alert kinds. Buying bursts (asking for
 * a showing, one home viewed again and again) are hot leads whatever the score; other replies
 * (after a long silence, asking for a person) are `lead_reply`: an agent should answer now.
 */
function toAlertSignal(
  signal: LeadSignal,
  leadId: string,
  score: number,
  previousScore: number | null,
  snapshot: LeadSnapshot,
): AlertSignal {
  switch (signal.code) {
    case 'became_hot':
      return { type: 'hot_lead', leadId, score, previousScore };
    case 'listing_burst':
    case 'showing_request':
      return {
        type: 'hot_lead',
        leadId,
        score,
        previousScore: null,
        behaviour: signal.reason,
        behaviourPriority: signal.priority === 'critical' ? 'critical' : 'high',
      };
    case 'reply_after_silence':
    case 'asks_for_person':
      return { type: 'lead_reply', leadId, leadScore: score };
    case 'no_human_contact':
      return { type: 'stale_lead', leadId, leadScore: score, lastContactAt: lastHumanContact(snapshot) };
  }
}

function lastHumanContact(snapshot: LeadSnapshot): Date {
  const times = snapshot.activities
    .filter((a) => a.human === true && (a.direction === 'outbound' || a.kind === 'appointment'))
    .map((a) => new Date(a.occurredAt).getTime());
  if (snapshot.lastHumanContactAt) times.push(new Date(snapshot.lastHumanContactAt).getTime());
  return new Date(times.length ? Math.max(...times) : new Date(snapshot.createdAt).getTime());
}
