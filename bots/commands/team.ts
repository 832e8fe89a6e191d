import { agentPresence } from '../../core/team/agent-presence.ts';
import { teamPeriods } from '../../core/team/team-periods.ts';
import { nextRoundRobinPicks } from '../../core/routing/next-round-robin.ts';
import { teamLoad } from '../../db/queries/agents/team-load.ts';
import { loadRoutingRules, toRoutingAgent } from '../../db/queries/routing.ts';
import { routingStateNow } from '../../db/queries/routing-state-now.ts';
import { listAgents } from '../../db/queries/tenants.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { teamMessage } from '../message/team-message.ts';
import { agentHandle } from './agent-handle.ts';
import { isManagerRole } from './alerts.ts';
import type { CommandContext } from './command-context.ts';

/**
 * `/team`: per active agent, where they stand now (routing's own availability rule), their open
 * alerts, alerts claimed today (the team's day) and median minutes to first contact this week; and
 * who each round-robin rule picks next, worked out by the router's own function without spending a turn.
 */
export async function teamCommand(ctx: CommandContext, options: { notice?: string } = {}): Promise<ChatMessage> {
  const { db, clock } = ctx.runtime;
  const now = clock.now();
  const periods = teamPeriods(now, ctx.tenant.timezone);
  const [team, loads, state, { rules }] = await Promise.all([
    listAgents(db, ctx.tenant.id),
    teamLoad(db, ctx.tenant.id, periods),
    routingStateNow(db, ctx.tenant.id),
    loadRoutingRules(db, ctx.tenant.id),
  ]);
  const active = team.filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name));
  const picks = nextRoundRobinPicks(rules, team.map(toRoutingAgent), state, now);
  return teamMessage({
    teamName: ctx.tenant.name,
    rows: active.map((agent) => {
      const load = loads.find((l) => l.agentId === agent.id);
      return {
        agentId: agent.id,
        name: agent.name,
        handle: agentHandle(agent),
        presence: agentPresence(toRoutingAgent(agent), state.openAlerts[agent.id] ?? 0, now),
        paused: agent.paused,
        openAlerts: load?.openAlerts ?? 0,
        claimedToday: load?.claimedToday ?? 0,
        firstContacts: load?.firstContacts ?? 0,
        medianFirstContactMinutes: load?.medianFirstContactMinutes ?? null,
      };
    }),
    nextPicks: picks.map((p) => {
      const agent = team.find((a) => a.id === p.agentId);
      return { ruleName: p.ruleName, agent: agent ? { name: agent.name, handle: agentHandle(agent) } : null };
    }),
    timeZone: ctx.tenant.timezone,
    now,
    weekStart: periods.weekStart,
    canManage: isManagerRole(ctx.actor),
    ...(options.notice ? { notice: options.notice } : {}),
  });
}
