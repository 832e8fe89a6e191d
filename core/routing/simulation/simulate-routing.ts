import { isWithinHours, type ZonedHours } from '../../alerts/working-hours.ts';
import { agentAvailability } from '../agent-availability.ts';
import { routeAlert } from '../route-alert.ts';
import type { RoutingRule } from '../routing-rule.ts';
import type { RoutingAgent, RoutingInput, RoutingState } from '../routing-types.ts';
import { gini, median } from './routing-fairness.ts';

/** A stored alert as it happened: what routing saw, and who really took it and when it closed. */
export interface HistoricAlert {
  id: string;
  createdAt: Date;
  input: RoutingInput;
  /** Who claimed or was assigned it in reality (null: nobody). */
  assigneeId: string | null;
  claimedAt: Date | null;
  closedAt: Date | null;
}

export interface SimulationHistory {
  alerts: readonly HistoricAlert[];
  /** The team as it was at a moment (availability replayed from the audit trail). */
  agentsAt: (at: Date) => RoutingAgent[];
  /** Office hours: an alert handed out outside them counts as an after-hours offer. */
  officeHours: ZonedHours;
}

export interface AgentLoad {
  agentId: string;
  name: string;
  /** Alerts assigned, plus first-to-claim offers this agent is expected to claim. */
  received: number;
  /** Alerts offered (first to claim), whoever took them. */
  offered: number;
  afterHours: number;
  /** received / all routed alerts. */
  share: number;
  /** The share its weight entitles it to in the pools that decided (Σ weight / pool weight). */
  weightShare: number;
  /** Median minutes this agent took to claim, from history; the team's when it has none. */
  claimMinutes: number | null;
}

export interface SimulationOutcome {
  alerts: number;
  unassigned: number;
  agents: AgentLoad[];
  /** Largest |share − weight share| over the agents, in percentage points. */
  maxShareDeviation: number;
  /** Gini of load per unit of weight (0 = each agent carries exactly its weight). */
  gini: number;
  /** Median over the routed alerts of the receiving agent's historic claim minutes. */
  expectedClaimMinutes: number | null;
}

/**
 * Replays the period's alerts through a rule set, in the order they came, with the team as it was
 * at each alert: round-robin turns and open-alert counts are simulated (an alert counts against its
 * simulated holder until it closed in reality). A first-to-claim offer is credited to the agent who
 * claimed it in reality when that agent was offered it, else to the least loaded offered agent.
 * Nothing is read or written outside the arguments: the live rules and alerts stay as they are.
 * @example simulateRouting(candidateRules, history)
 */
export function simulateRouting(rules: readonly RoutingRule[], history: SimulationHistory): SimulationOutcome {
  const alerts = [...history.alerts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let state: RoutingState = { openAlerts: {}, roundRobin: {} };
  const closes: Array<{ at: number; agentId: string }> = [];
  const tally = new Map<string, { received: number; offered: number; afterHours: number; entitled: number }>();
  const names = new Map<string, string>();
  const row = (id: string) =>
    tally.get(id) ?? tally.set(id, { received: 0, offered: 0, afterHours: 0, entitled: 0 }).get(id)!;
  const claimMinutes = historicClaimMinutes(alerts);
  const received: string[] = [];
  let unassigned = 0;

  for (const alert of alerts) {
    state = releaseClosed(state, closes, alert.createdAt.getTime());
    const team = history.agentsAt(alert.createdAt);
    for (const a of team) names.set(a.id, a.name);
    const result = routeAlert(alert.input, rules, team, state, { now: () => alert.createdAt });
    const decision = result.decision;
    state = result.state;
    if (decision.kind === 'unassigned') {
      unassigned++;
      continue;
    }
    const afterHours = !isWithinHours(alert.createdAt, history.officeHours);
    let taker: string;
    if (decision.kind === 'offer') {
      for (const id of decision.agentIds) row(id).offered++;
      taker = creditedTaker(decision.agentIds, alert.assigneeId, state);
      state = { ...state, openAlerts: { ...state.openAlerts, [taker]: (state.openAlerts[taker] ?? 0) + 1 } };
    } else {
      taker = decision.agentId;
    }
    const r = row(taker);
    r.received++;
    if (afterHours) r.afterHours++;
    received.push(taker);
    if (alert.closedAt) closes.push({ at: alert.closedAt.getTime(), agentId: taker });
    entitle(rules, result.explanation.ruleId, team, alert.createdAt, (id, share) => (row(id).entitled += share));
  }
  return summarise({ alerts: alerts.length, unassigned, received, tally, names, claimMinutes });
}

function releaseClosed(state: RoutingState, closes: Array<{ at: number; agentId: string }>, now: number) {
  const open = { ...state.openAlerts };
  for (let i = closes.length - 1; i >= 0; i--) {
    if (closes[i].at > now) continue;
    open[closes[i].agentId] = Math.max(0, (open[closes[i].agentId] ?? 0) - 1);
    closes.splice(i, 1);
  }
  return { ...state, openAlerts: open };
}

function creditedTaker(offered: readonly string[], realTaker: string | null, state: RoutingState): string {
  if (realTaker && offered.includes(realTaker)) return realTaker;
  return offered.reduce((best, id) => ((state.openAlerts[id] ?? 0) < (state.openAlerts[best] ?? 0) ? id : best));
}

/**
 * Each routed alert entitles the deciding pool's members who could take work then (on shift, not
 * paused or away; load aside) to a share by weight: what a perfectly fair table would have given.
 */
function entitle(
  rules: readonly RoutingRule[],
  ruleId: string,
  team: readonly RoutingAgent[],
  at: Date,
  add: (agentId: string, share: number) => void,
): void {
  const rule = rules.find((r) => r.id === ruleId);
  const members = rule && rule.pool.agentIds.length > 0 ? team.filter((a) => rule.pool.agentIds.includes(a.id)) : team;
  const active = members.filter((a) => agentAvailability(a, 0, at).available);
  const weight = (a: RoutingAgent) => rule?.pool.weights[a.id] ?? a.weight;
  const total = active.reduce((sum, a) => sum + weight(a), 0);
  for (const a of active) if (total > 0) add(a.id, weight(a) / total);
}

function historicClaimMinutes(alerts: readonly HistoricAlert[]): { byAgent: Map<string, number>; team: number | null } {
  const minutes = new Map<string, number[]>();
  for (const a of alerts) {
    if (!a.assigneeId || !a.claimedAt) continue;
    const list = minutes.get(a.assigneeId) ?? minutes.set(a.assigneeId, []).get(a.assigneeId)!;
    list.push((a.claimedAt.getTime() - a.createdAt.getTime()) / 60_000);
  }
  const byAgent = new Map([...minutes].map(([id, list]) => [id, median(list)!]));
  return { byAgent, team: median([...minutes.values()].flat()) };
}

function summarise(input: {
  alerts: number;
  unassigned: number;
  received: string[];
  tally: Map<string, { received: number; offered: number; afterHours: number; entitled: number }>;
  names: Map<string, string>;
  claimMinutes: { byAgent: Map<string, number>; team: number | null };
}): SimulationOutcome {
  const routed = input.received.length;
  const claimOf = (id: string) => input.claimMinutes.byAgent.get(id) ?? input.claimMinutes.team;
  const agents: AgentLoad[] = [...input.tally]
    .map(([agentId, t]) => ({
      agentId,
      name: input.names.get(agentId) ?? agentId,
      received: t.received,
      offered: t.offered,
      afterHours: t.afterHours,
      share: routed ? t.received / routed : 0,
      weightShare: routed ? t.entitled / routed : 0,
      claimMinutes: claimOf(agentId),
    }))
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
  const entitled = [...input.tally.values()];
  const perWeight = entitled.filter((t) => t.entitled > 0).map((t) => t.received / t.entitled);
  const delays = input.received.map(claimOf).filter((m): m is number => m !== null);
  return {
    alerts: input.alerts,
    unassigned: input.unassigned,
    agents,
    maxShareDeviation: Math.max(0, ...agents.map((a) => Math.abs(a.share - a.weightShare) * 100)),
    gini: gini(perWeight),
    expectedClaimMinutes: median(delays),
  };
}
