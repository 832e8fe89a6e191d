import { FONT, escapeXml, niceMax, shortenLabel } from './svg-text.ts';

export interface BarSeries {
  name: string;
  values: number[];
  color?: string;
}

export interface BarChartInput {
  title: string;
  categories: string[];
  series: BarSeries[];
  width?: number;
  height?: number;
}

const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444'];

/**
 * Grouped vertical bars (one group per category, one bar per series), e.g. agents × deals/contacts
 * for `/leaderboard`. Plain SVG so it rasterises without a browser.
 */
export function barChartSvg(input: BarChartInput): string {
  const width = input.width ?? 800;
  const height = input.height ?? 420;
  const margin = { top: 64, right: 24, bottom: 72, left: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  // At least 5 with five gridlines: counts then always get whole-number ticks.
  const max = Math.max(5, niceMax(Math.max(0, ...input.series.flatMap((s) => s.values))));
  const groupW = plotW / Math.max(1, input.categories.length);
  const barW = Math.max(4, (groupW * 0.7) / Math.max(1, input.series.length));
  const y = (v: number) => margin.top + plotH - (v / max) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="32" ${FONT} font-size="20" font-weight="bold" fill="#111827">${escapeXml(input.title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (max / 5) * i;
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`,
      `<text x="${margin.left - 8}" y="${y(v) + 4}" ${FONT} font-size="12" fill="#6b7280" text-anchor="end">${formatTick(v)}</text>`,
    );
  }
  input.categories.forEach((category, c) => {
    const groupX = margin.left + c * groupW + groupW * 0.15;
    input.series.forEach((s, k) => {
      const v = s.values[c] ?? 0;
      const x = groupX + k * barW;
      parts.push(
        `<rect class="bar" x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(margin.top + plotH - y(v)).toFixed(1)}" fill="${s.color ?? PALETTE[k % PALETTE.length]}"/>`,
        `<text x="${(x + barW / 2).toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" ${FONT} font-size="11" fill="#374151" text-anchor="middle">${v}</text>`,
      );
    });
    parts.push(
      `<text x="${(margin.left + c * groupW + groupW / 2).toFixed(1)}" y="${height - margin.bottom + 20}" ${FONT} font-size="13" fill="#111827" text-anchor="middle">${escapeXml(shortenLabel(category, 16))}</text>`,
    );
  });
  input.series.forEach((s, k) => {
    const x = margin.left + k * 140;
    parts.push(
      `<rect x="${x}" y="${height - 28}" width="12" height="12" fill="${s.color ?? PALETTE[k % PALETTE.length]}"/>`,
      `<text x="${x + 18}" y="${height - 18}" ${FONT} font-size="13" fill="#374151">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
