import type { SimulationOutcome } from '../../core/routing/simulation/simulate-routing.ts';
import type { RoutingSimulation } from '../../db/use-cases/routing/simulate-routing-change.ts';
import { chatMessage, type ChatMessage } from '../message/chat-message.ts';
import { simulationCsv, simulationPng } from './simulation-files.ts';
import { simulationRows } from './simulation-rows.ts';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const minutes = (m: number | null) => (m === null ? 'n/a' : `${m.toFixed(1)} min`);
const day = (d: Date) => d.toISOString().slice(0, 10);

function fairness(label: string, o: SimulationOutcome): string {
  return (
    `${label}: ${o.alerts - o.unassigned} of ${o.alerts} routed (${o.unassigned} left for managers), ` +
    `share off its weight by at most ${o.maxShareDeviation.toFixed(1)} pts, Gini ${o.gini.toFixed(2)}, ` +
    `expected claim delay ${minutes(o.expectedClaimMinutes)}`
  );
}

/**
 * The simulator's answer, the same on every surface: a summary, the per-agent table (current
 * rules → candidate), the chart and the CSV. Says plainly that nothing was changed.
 */
export async function simulationMessage(sim: RoutingSimulation): Promise<ChatMessage> {
  const rows = simulationRows(sim);
  const stamp = day(sim.until);
  return chatMessage({
    header: `🔀 Routing simulation: ${day(sim.since)} to ${stamp}`,
    sections: [
      fairness('**Current rules**', sim.current),
      fairness('**Candidate**', sim.candidate),
      'Nothing was changed. To use the candidate, save it with `porchlight rules set --file <rules.json>`.',
    ],
    table: {
      columns: ['Agent', 'Actual', 'Current', 'Candidate', 'Share', 'Weight share', 'After hours', 'Claim'],
      rows: rows.map((r) => [
        r.agent,
        String(r.actual),
        String(r.currentReceived),
        String(r.candidateReceived),
        `${pct(r.currentShare)} → ${pct(r.candidateShare)}`,
        pct(r.candidateWeightShare),
        `${r.currentAfterHours} → ${r.candidateAfterHours}`,
        minutes(r.claimMinutes),
      ]),
    },
    image: {
      png: simulationPng(sim),
      alt: `Alerts per agent, current rules vs candidate: ${rows
        .map((r) => `${r.agent} ${r.currentReceived}→${r.candidateReceived}`)
        .join(', ')}`.slice(0, 1000),
      filename: `routing-simulation-${stamp}.png`,
    },
    file: {
      data: Buffer.from(await simulationCsv(sim), 'utf8'),
      filename: `routing-simulation-${stamp}.csv`,
      title: `Routing simulation ${day(sim.since)} to ${stamp} (per agent)`,
    },
    ephemeral: true,
  });
}
