import type { AlertKind } from '../../core/alerts/alert-types.ts';
import { openAlertPage, type OpenAlertLine } from '../../db/queries/alerts/open-alert-page.ts';
import { listAgents, type Agent } from '../../db/queries/tenants.ts';
import { alertListMessage, type AlertListLine } from '../message/alert-list-message.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { agentHandle } from './agent-handle.ts';
import type { CommandContext } from './command-context.ts';
import { alertsLine, type AlertsArgs } from './parse-list-commands.ts';

export const ALERTS_PAGE_SIZE = 10;

export const isManagerRole = (agent: Pick<Agent, 'role'>) => agent.role === 'manager' || agent.role === 'admin';

/**
 * `/alerts [mine|team|unclaimed] [kind] [priority] [page N]`: the tenant's alerts still in play. With
 * no view named, managers see the whole team and agents their own. Looking is not acting, so any agent
 * may see the team's list; what each button does is checked when it is pressed.
 */
export async function alertsCommand(ctx: CommandContext, args: AlertsArgs): Promise<ChatMessage> {
  const scope = args.scope ?? (isManagerRole(ctx.actor) ? 'team' : 'mine');
  const { lines, total } = await openAlertPage(ctx.runtime.db, ctx.tenant.id, {
    ...(scope === 'mine' ? { assigneeId: ctx.actor.id } : {}),
    unassigned: scope === 'unclaimed',
    kind: args.kind,
    priority: args.priority,
    page: args.page,
    pageSize: ALERTS_PAGE_SIZE,
  });
  const team = (await listAgents(ctx.runtime.db, ctx.tenant.id)).filter((a) => a.active);
  return alertListMessage({
    scope,
    kind: args.kind,
    priority: args.priority,
    page: args.page,
    pageSize: ALERTS_PAGE_SIZE,
    total,
    lines: lines.map(toListLine),
    assignOptions: team.slice(0, 25).map((a) => ({ name: a.name, handle: agentHandle(a) })),
    timeZone: ctx.tenant.timezone,
    now: ctx.runtime.clock.now(),
    canActOnSeveral: isManagerRole(ctx.actor),
    platform: ctx.platform,
    pageLine: (page) => alertsLine({ ...args, scope, page }),
  });
}

export function toListLine(line: OpenAlertLine): AlertListLine {
  return {
    id: line.id,
    kind: line.kind as AlertKind,
    priority: line.priority,
    status: line.status,
    leadName: line.leadName ?? 'Unknown lead',
    createdAt: line.createdAt,
    snoozedUntil: line.snoozedUntil,
    hasListing: line.hasListing,
    ...(line.assignee ? { assignee: { name: line.assignee.name, handle: agentHandle(line.assignee) } } : {}),
  };
}
