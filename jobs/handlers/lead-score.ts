import { scoreLead } from '../../db/use-cases/leads/score-lead.ts';
import { defineHandler, jobLane } from '../handler.ts';

/** Re-scores one lead after any event that could move its score. */
export default defineHandler('lead.score', async (data, ctx) => {
  const { runtime } = ctx;
  const { receivedAt, appliedAt, ...target } = data;
  // The inbound event behind this re-score, when it names one: the alerts it raises keep when the lead wrote.
  const cause = receivedAt
    ? { receivedAt: new Date(receivedAt), appliedAt: appliedAt ? new Date(appliedAt) : null }
    : undefined;
  const result = await scoreLead(runtime, { ...target, lane: jobLane(ctx), cause });
  if (!result) {
    runtime.logger.info(
      { tenantId: data.tenantId, leadId: data.leadId },
      'lead.score: lead or tenant gone, nothing to score',
    );
    return;
  }
  runtime.logger.debug(
    {
      tenantId: data.tenantId,
      leadId: data.leadId,
      score: result.score.score,
      previousScore: result.previousScore,
      modelVersion: result.score.modelVersion,
      signals: result.signals,
    },
    'lead scored',
  );
});
