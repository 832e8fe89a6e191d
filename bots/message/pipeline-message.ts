import { funnelChartSvg } from '../charts/funnel-chart-svg.ts';
import { svgToPng } from '../charts/svg-to-png.ts';
import { chatMessage, type ChatMessage } from './chat-message.ts';

export interface PipelineView {
  /** In pipeline order, first stage first. */
  stages: { stage: string; count: number }[];
}

/** `/pipeline`: leads per stage as a funnel chart, with the table for the terminal. */
export function pipelineMessage(view: PipelineView): ChatMessage {
  const header = '📊 Pipeline';
  const total = view.stages.reduce((sum, s) => sum + s.count, 0);
  if (view.stages.length === 0 || total === 0)
    return chatMessage({ header, sections: ['No leads in the pipeline yet.'] });

  const svg = funnelChartSvg({
    title: 'Leads per stage',
    stages: view.stages.map((s) => ({ label: s.stage, count: s.count })),
  });
  return chatMessage({
    header,
    sections: [`${total} leads across ${view.stages.length} stages.`],
    image: {
      png: svgToPng(svg).png,
      alt: `Leads per stage: ${view.stages.map((s) => `${s.stage} ${s.count}`).join(', ')}`,
      filename: 'pipeline.png',
    },
    table: { columns: ['Stage', 'Leads'], rows: view.stages.map((s) => [s.stage, String(s.count)]) },
  });
}
