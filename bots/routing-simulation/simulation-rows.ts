import type { RoutingSimulation } from '../../db/use-cases/routing/simulate-routing-change.ts';
import type { AgentLoad } from '../../core/routing/simulation/simulate-routing.ts';

/** One agent, current rules beside the candidate: the CSV row and the chat table row come from it. */
export interface SimulationRow {
  agentId: string;
  agent: string;
  actual: number;
  currentReceived: number;
  candidateReceived: number;
  currentShare: number;
  candidateShare: number;
  currentWeightShare: number;
  candidateWeightShare: number;
  currentOffered: number;
  candidateOffered: number;
  currentAfterHours: number;
  candidateAfterHours: number;
  claimMinutes: number | null;
}

export const SIMULATION_CSV_COLUMNS = [
  'agent_id',
  'agent',
  'actual',
  'current.received',
  'candidate.received',
  'current.share',
  'candidate.share',
  'current.weight_share',
  'candidate.weight_share',
  'current.offered',
  'candidate.offered',
  'current.after_hours',
  'candidate.after_hours',
  'claim_minutes_median',
] as const;

const EMPTY: Omit<AgentLoad, 'agentId' | 'name'> = {
  received: 0,
  offered: 0,
  afterHours: 0,
  share: 0,
  weightShare: 0,
  claimMinutes: null,
};

/** Every agent either table touched (or who really took alerts), most loaded under the candidate first. */
export function simulationRows(sim: RoutingSimulation): SimulationRow[] {
  const ids = new Set([
    ...sim.current.agents.map((a) => a.agentId),
    ...sim.candidate.agents.map((a) => a.agentId),
    ...Object.keys(sim.actual),
  ]);
  const find = (list: AgentLoad[], id: string) => list.find((a) => a.agentId === id);
  return [...ids]
    .map((id) => {
      const cur = find(sim.current.agents, id);
      const cand = find(sim.candidate.agents, id);
      const c = { ...EMPTY, ...cur };
      const n = { ...EMPTY, ...cand };
      return {
        agentId: id,
        agent: cand?.name ?? cur?.name ?? id,
        actual: sim.actual[id] ?? 0,
        currentReceived: c.received,
        candidateReceived: n.received,
        currentShare: c.share,
        candidateShare: n.share,
        currentWeightShare: c.weightShare,
        candidateWeightShare: n.weightShare,
        currentOffered: c.offered,
        candidateOffered: n.offered,
        currentAfterHours: c.afterHours,
        candidateAfterHours: n.afterHours,
        claimMinutes: n.claimMinutes ?? c.claimMinutes,
      };
    })
    .sort((a, b) => b.candidateReceived - a.candidateReceived || a.agent.localeCompare(b.agent));
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The CSV's cells, keyed by column: shares as fractions to 4 places, minutes to 1. */
export function simulationCsvRow(
  row: SimulationRow,
): Record<(typeof SIMULATION_CSV_COLUMNS)[number], string | number | null> {
  return {
    agent_id: row.agentId,
    agent: row.agent,
    actual: row.actual,
    'current.received': row.currentReceived,
    'candidate.received': row.candidateReceived,
    'current.share': round(row.currentShare, 4),
    'candidate.share': round(row.candidateShare, 4),
    'current.weight_share': round(row.currentWeightShare, 4),
    'candidate.weight_share': round(row.candidateWeightShare, 4),
    'current.offered': row.currentOffered,
    'candidate.offered': row.candidateOffered,
    'current.after_hours': row.currentAfterHours,
    'candidate.after_hours': row.candidateAfterHours,
    claim_minutes_median: row.claimMinutes === null ? null : round(row.claimMinutes, 1),
  };
}
