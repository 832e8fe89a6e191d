import { pipelineCounts } from '../../db/queries/reports/pipeline-counts.ts';
import { pipelineMessage } from '../message/pipeline-message.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

/**
 * `/pipeline`: opportunities per stage. Open ones count under their stage (tenants may name GHL
 * stage ids in `settings.stageNames`); won and lost are their own final stages.
 */
export async function pipelineCommand(ctx: CommandContext): Promise<ChatMessage> {
  const rows = await pipelineCounts(ctx.runtime.db, ctx.tenant.id);
  const names = ctx.tenant.settings.stageNames;
  const order = ctx.tenant.settings.stageOrder;
  const rank = (stage: string) =>
    stage === 'won' ? 1e6 : stage === 'lost' ? 1e6 + 1 : order.includes(stage) ? order.indexOf(stage) : 1e5;
  // Without a configured order, stages appear in the order the team first used them.
  rows.sort((a, b) => rank(a.stage) - rank(b.stage) || String(a.firstUsedAt).localeCompare(String(b.firstUsedAt)));
  return pipelineMessage({
    stages: rows.map((r) => ({
      stage: r.stage === 'won' ? 'Won' : r.stage === 'lost' ? 'Lost' : (names[r.stage] ?? r.stage),
      count: r.count,
    })),
  });
}
