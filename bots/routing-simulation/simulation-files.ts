import { csvChunks } from '../../core/exports/csv-chunks.ts';
import type { RoutingSimulation } from '../../db/use-cases/routing/simulate-routing-change.ts';
import { barChartSvg } from '../charts/bar-chart-svg.ts';
import { svgToPng } from '../charts/svg-to-png.ts';
import { SIMULATION_CSV_COLUMNS, simulationCsvRow, simulationRows } from './simulation-rows.ts';

/** The per-agent comparison as CSV (the same RFC 4180 + BOM writer as exports). */
export async function simulationCsv(sim: RoutingSimulation): Promise<string> {
  const rows = simulationRows(sim).map(simulationCsvRow);
  let text = '';
  for await (const chunk of csvChunks(
    SIMULATION_CSV_COLUMNS,
    (async function* () {
      yield rows;
    })(),
  ))
    text += chunk;
  return text;
}

/** Alerts per agent under the current rules beside the candidate, as a grouped bar chart. */
export function simulationPng(sim: RoutingSimulation): Uint8Array {
  const rows = simulationRows(sim);
  const svg = barChartSvg({
    title: `Routing simulation, ${sim.tenantName}: alerts per agent`,
    categories: rows.map((r) => r.agent),
    series: [
      { name: 'Current rules', values: rows.map((r) => r.currentReceived) },
      { name: 'Candidate', values: rows.map((r) => r.candidateReceived) },
      { name: 'As it happened', values: rows.map((r) => r.actual) },
    ],
    width: Math.max(800, 120 * rows.length + 120),
  });
  return svgToPng(svg).png;
}
