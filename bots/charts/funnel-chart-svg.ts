import { FONT, escapeXml, shortenLabel } from './svg-text.ts';

export interface FunnelStage {
  label: string;
  count: number;
}

export interface FunnelChartInput {
  title: string;
  stages: FunnelStage[];
  width?: number;
}

/**
 * Horizontal bars, one per pipeline stage in order, each labelled with its count and the share of
 * the first stage that reached it: the drop-off is what a manager looks for in `/pipeline`.
 */
export function funnelChartSvg(input: FunnelChartInput): string {
  const width = input.width ?? 800;
  const rowH = 40;
  const labelW = 180;
  const top = 60;
  const height = top + Math.max(1, input.stages.length) * rowH + 24;
  const plotW = width - labelW - 110;
  // No axis here, so scale to the widest stage itself rather than a rounded maximum.
  const max = Math.max(1, ...input.stages.map((s) => s.count));
  const first = input.stages[0]?.count ?? 0;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="34" ${FONT} font-size="20" font-weight="bold" fill="#111827">${escapeXml(input.title)}</text>`,
  ];
  input.stages.forEach((stage, i) => {
    const y = top + i * rowH;
    const w = Math.max(2, (stage.count / max) * plotW);
    const share = first > 0 ? ` (${Math.round((stage.count / first) * 100)}%)` : '';
    const shade = Math.round(40 + (i / Math.max(1, input.stages.length - 1)) * 40);
    parts.push(
      `<text x="${labelW - 10}" y="${y + 24}" ${FONT} font-size="14" fill="#111827" text-anchor="end">${escapeXml(shortenLabel(stage.label, 22))}</text>`,
      `<rect x="${labelW}" y="${y + 6}" width="${w.toFixed(1)}" height="${rowH - 12}" rx="4" fill="hsl(217, 80%, ${shade}%)"/>`,
      `<text x="${(labelW + w + 8).toFixed(1)}" y="${y + 24}" ${FONT} font-size="13" fill="#374151">${stage.count}${share}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
