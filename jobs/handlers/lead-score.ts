import { scoreLead } from '../../db/use-cases/leads/score-lead.ts';
import { defineHandler } from '../handler.ts';

/** Re-scores one lead after any event that could move its score. */
export default defineHandler('lead.score', async (data, { runtime }) => {
  const result = await scoreLead(runtime, data);
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
