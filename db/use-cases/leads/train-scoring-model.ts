import type { Logger } from '../../../core/observability/logger.ts';
import { DEFAULT_MODEL } from '../../../core/scoring/default-model.ts';
import { evaluateModel, type ModelEvaluation } from '../../../core/scoring/evaluate-model.ts';
import { labelOutcome } from '../../../core/scoring/label-outcome.ts';
import { isInbound } from '../../../core/scoring/lead-features.ts';
import { shouldActivate } from '../../../core/scoring/should-activate.ts';
import { splitHoldout } from '../../../core/scoring/split-holdout.ts';
import { toTrainingExamples, trainModel, type LabelledSnapshot } from '../../../core/scoring/train-model.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { loadTenantSnapshots, SNAPSHOT_WINDOW_DAYS, type LoadedLead } from '../../queries/leads/lead-snapshot.ts';
import { getActiveModel, insertModel, modelVersionName, nextModelVersion } from '../../queries/scoring-models.ts';
import { activateScoringModel } from './activate-scoring-model.ts';

const DAY = 86_400_000;

export const TRAINING_DEFAULTS = {
  /** An open lead silent this long counts as lost (GHL pipelines are rarely cleaned up). */
  silenceDays: 45,
  /**
   * Each lead is seen as it looked this long before its outcome (or this long after it went
   * quiet): the last days before a close are full of paperwork activity a live lead never has.
   */
  horizonDays: 7,
  /** Fewer labelled leads of either class and training is refused: the model would be noise. */
  minPerClass: 20,
};

export type TrainReport =
  | { status: 'too_few_labels'; message: string; won: number; lost: number }
  | {
      status: 'trained';
      version: number;
      activated: boolean;
      reason: string;
      labels: { won: number; lost: number; lostBySilence: number };
      metrics: ModelEvaluation & { trainSize: number };
      baseline: { version: string; auc: number; ece: number };
    };

/**
 * Trains a candidate on the tenant's outcomes, judges it against the active model (or the
 * default) on the same hold-out, stores it as the next version and activates it only when
 * `shouldActivate` agrees. Activation queues a re-score of every lead under the new model.
 */
export async function trainScoringModel(
  deps: { db: Db; queue: JobQueue; clock: Clock; log: Logger },
  input: { tenantId: string; options?: Partial<typeof TRAINING_DEFAULTS> },
): Promise<TrainReport> {
  const { tenantId } = input;
  const opts = { ...TRAINING_DEFAULTS, ...input.options };
  const loaded = await loadTenantSnapshots(deps.db, tenantId);
  const labelled = labelLeads(loaded, deps.clock, opts);
  const won = labelled.filter((l) => l.label === 1).length;
  const lost = labelled.length - won;
  if (won < opts.minPerClass || lost < opts.minPerClass) {
    return {
      status: 'too_few_labels',
      won,
      lost,
      message:
        `not enough outcomes to train: ${won} won and ${lost} lost leads, ` +
        `need at least ${opts.minPerClass} of each (the default model stays in use)`,
    };
  }

  const { train, holdout } = splitHoldout(toTrainingExamples(labelled));
  const version = await nextModelVersion(deps.db, tenantId);
  // Training only refuses when the split left too few of a class; the label check above says it plainly.
  const candidate = trainModel(train, {
    version: modelVersionName(version),
    minPerClass: Math.min(10, Math.floor(opts.minPerClass / 2)),
  });
  const active = (await getActiveModel(deps.db, tenantId))?.model ?? DEFAULT_MODEL;
  const metrics = { ...evaluateModel(candidate, holdout), trainSize: train.length };
  const baselineEval = evaluateModel(active, holdout);
  const decision = shouldActivate(metrics, baselineEval);
  const baseline = { version: active.version, auc: baselineEval.auc, ece: baselineEval.ece };
  const lostBySilence = labelled.filter((l) => l.label === 0 && !l.closed).length;
  const now = deps.clock.now();

  await deps.db.transaction(async (tx) => {
    await insertModel(tx, {
      tenantId,
      version,
      model: { ...candidate, metrics: { ...metrics, trainSize: train.length } },
      metrics: { ...metrics, baseline, labels: { won, lost, lostBySilence } },
      decision: decision.reason,
      trainedAt: now,
    });
    if (decision.activate)
      await activateScoringModel(
        { db: tx, queue: deps.queue, clock: deps.clock },
        { tenantId, version, reason: decision.reason, actor: 'model.train' },
      );
  });
  deps.log.info(
    {
      tenantId,
      version,
      activated: decision.activate,
      reason: decision.reason,
      auc: metrics.auc,
      baselineAuc: baseline.auc,
    },
    'model trained',
  );
  return {
    status: 'trained',
    version,
    activated: decision.activate,
    reason: decision.reason,
    labels: { won, lost, lostBySilence },
    metrics,
    baseline,
  };
}

/** Each labelled lead, trimmed to what scoring would have seen at its "as of" moment. */
function labelLeads(
  loaded: LoadedLead[],
  clock: Clock,
  opts: typeof TRAINING_DEFAULTS,
): Array<LabelledSnapshot & { closed: boolean }> {
  const now = clock.now().getTime();
  const out: Array<LabelledSnapshot & { closed: boolean }> = [];
  for (const { snapshot, opportunity } of loaded) {
    const label = labelOutcome(snapshot, clock, { silenceDays: opts.silenceDays });
    if (label === null) continue;
    const status = opportunity?.status?.toLowerCase();
    const closed = status === 'won' || status === 'lost' || status === 'abandoned';
    const created = new Date(snapshot.createdAt).getTime();
    const lastHeard = snapshot.activities
      .filter(isInbound)
      .map((a) => new Date(a.occurredAt).getTime())
      .filter((t) => t <= now)
      .reduce((m, t) => Math.max(m, t), created);
    const anchor =
      closed && opportunity?.closedAt
        ? opportunity.closedAt.getTime() - opts.horizonDays * DAY
        : lastHeard + opts.horizonDays * DAY;
    const asOf = Math.min(now, Math.max(created, anchor));
    const from = asOf - SNAPSHOT_WINDOW_DAYS * DAY;
    const activities = snapshot.activities.filter((a) => {
      const t = new Date(a.occurredAt).getTime();
      return t >= from && t <= asOf;
    });
    out.push({ snapshot: { ...snapshot, activities, opportunity: null }, asOf: new Date(asOf), label, closed });
  }
  return out;
}
