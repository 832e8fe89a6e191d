import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../bots/charts/bar-chart-svg.ts';
import { funnelChartSvg } from '../../bots/charts/funnel-chart-svg.ts';
import { svgToPng } from '../../bots/charts/svg-to-png.ts';
import { textTable } from '../../bots/charts/text-table.ts';
import { leaderboardMessage } from '../../bots/message/leaderboard-message.ts';
import { pipelineMessage } from '../../bots/message/pipeline-message.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import { renderSlack } from '../../bots/render/render-slack.ts';
import { renderTerminal } from '../../bots/render/render-terminal.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height straight from the IHDR chunk, so the test reads what an image viewer would. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const leaderboard = {
  period: '7d' as const,
  rows: [
    { agent: 'Joe Kim', deals: 2, contacts: 40 },
    { agent: 'Maria Diaz', deals: 4, contacts: 31 },
    { agent: 'Sam & Lee', deals: 1, contacts: 12 },
  ],
};
const pipeline = {
  stages: [
    { stage: 'New', count: 120 },
    { stage: 'Contacted', count: 80 },
    { stage: 'Showing', count: 31 },
    { stage: 'Offer', count: 9 },
    { stage: 'Closed', count: 4 },
  ],
};

describe('charts', () => {
  it('bar chart SVG names every agent and series, escaping user text', () => {
    const svg = barChartSvg({
      title: 'Leaderboard',
      categories: ['Maria Diaz', 'Sam & Lee'],
      series: [
        { name: 'Deals', values: [4, 1] },
        { name: 'Contacts', values: [31, 12] },
      ],
    });
    for (const label of ['Leaderboard', 'Maria Diaz', 'Sam &amp; Lee', 'Deals', 'Contacts', '>31<', '>4<'])
      expect(svg).toContain(label);
    expect(svg).not.toContain('Sam & Lee');
  });

  it('taller bars for bigger numbers', () => {
    const svg = barChartSvg({ title: 't', categories: ['a', 'b'], series: [{ name: 'Deals', values: [10, 40] }] });
    const heights = [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(heights).toHaveLength(2);
    expect(heights[1]).toBeCloseTo(heights[0] * 4, 0);
  });

  it('funnel SVG lists stages in order with their share of the first stage', () => {
    const svg = funnelChartSvg({
      title: 'Leads per stage',
      stages: pipeline.stages.map((s) => ({ label: s.stage, count: s.count })),
    });
    const order = pipeline.stages.map((s) => svg.indexOf(`>${s.stage}<`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(svg).toContain('120 (100%)');
    expect(svg).toContain('31 (26%)');
  });

  it("rasterises to a real PNG of the SVG's size, and can be scaled", () => {
    const svg = barChartSvg({
      title: 'x',
      categories: ['a'],
      series: [{ name: 'Deals', values: [3] }],
      width: 640,
      height: 360,
    });
    const { png, width, height } = svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 640, height: 360 });
    expect({ width, height }).toEqual({ width: 640, height: 360 });
    expect(pngSize(svgToPng(svg, { width: 1280 }).png)).toEqual({ width: 1280, height: 720 });
  });

  it('text table aligns numbers right and words left', () => {
    expect(
      textTable({
        columns: ['Stage', 'Leads'],
        rows: [
          ['New', '120'],
          ['Closed', '4'],
        ],
      }),
    ).toBe(['Stage   Leads', '------  -----', 'New       120', 'Closed      4'].join('\n'));
  });
});

describe('/leaderboard and /pipeline messages', () => {
  it('leaderboard ranks by deals and attaches a PNG on Slack and Discord, a table in the terminal', () => {
    const message = leaderboardMessage(leaderboard);
    expect(message.sections[0]).toBe('**Maria Diaz** leads with 4 deals and 31 contacts.');
    const slack = renderSlack(message);
    expect(slack.image?.filename).toBe('leaderboard-7d.png');
    expect([...slack.image!.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const size = pngSize(slack.image!.png);
    expect(size.width).toBeGreaterThanOrEqual(400);
    expect(size.height).toBeGreaterThanOrEqual(200);

    const discord = renderDiscord(message);
    expect(discord.files.map((f) => f.name)).toEqual(['leaderboard-7d.png']);
    expect(discord.embeds[0].image?.url).toBe('attachment://leaderboard-7d.png');

    const terminal = renderTerminal(message);
    expect(terminal).toMatch(/1\s+Maria Diaz\s+4\s+31\n2\s+Joe Kim\s+2\s+40\n3\s+Sam & Lee\s+1\s+12/);
  });

  it('pipeline chart on Slack/Discord, table in the terminal; an empty pipeline says so', () => {
    const message = pipelineMessage(pipeline);
    expect(message.sections[0]).toBe('244 leads across 5 stages.');
    expect(renderDiscord(message).files[0].name).toBe('pipeline.png');
    expect(renderTerminal(message)).toContain('Contacted     80');

    const empty = pipelineMessage({ stages: [] });
    expect(empty.image).toBeUndefined();
    expect(renderTerminal(empty)).toContain('No leads in the pipeline yet.');
  });
});
