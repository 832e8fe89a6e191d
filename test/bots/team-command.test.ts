import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createAgent, createTenant, type Agent } from '../../db/queries/tenants.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { replaceRoutingTable } from '../../db/use-cases/routing/replace-routing-table.ts';
import { routeAlert } from '../../db/use-cases/alerts/route-alert.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { agents, alerts } from '../../db/schema/index.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { seedChatTeam, type ChatTeam } from './chat-team.ts';
import { recordSlack } from './slack-recorder.ts';
import { CHAT_ENV, slackBlockAction, slackCommand } from './list-chat.ts';

const NOW = new Date('2026-03-04T15:00:00Z'); // a Wednesday, 9:00 in Austin
const ZONE = 'America/Chicago';
const CLOSED = ['won', 'lost', 'dismissed', 'expired'];
const WEEKDAYS = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

interface Row {
  assignee: Agent | null;
  status: 'open' | 'claimed' | 'assigned' | 'contacted' | 'won' | 'lost';
  createdAt: string;
  claimedAt?: string;
  contactedAt?: string;
}

/** The seeded team: Maria (manager, no hours: always on), Dev (on shift), Sam (paused), Lee (away), Kim (off shift). */
async function seedTeam(rt: Runtime) {
  const team = await seedChatTeam(rt);
  const add = (name: string, email: string, extra: Partial<Agent>) =>
    createAgent(rt.db, { tenantId: team.tenant.id, name, email, role: 'agent', ...extra });
  const weekdays = (from: string, to: string) =>
    Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [from, to] as [string, string]]));
  await rt.db
    .update(agents)
    .set({ workingHours: weekdays('08:00', '17:00'), timezone: ZONE })
    .where(eq(agents.id, team.dev.id));
  await rt.db.update(agents).set({ paused: true }).where(eq(agents.id, team.sam.id));
  const lee = await add('Lee Wong', 'lee@hillcountry.test', { vacationUntil: new Date('2026-03-06T14:00:00Z') });
  const kim = await add('Kim Byrne', 'kim@hillcountry.test', {
    timezone: 'Europe/London',
    workingHours: weekdays('17:00', '23:00'),
  });
  const all = (await rt.db.select().from(agents).where(eq(agents.tenantId, team.tenant.id))) as Agent[];
  return { team, lee, kim, all };
}

async function seedAlerts(rt: Runtime, team: ChatTeam, kim: Agent): Promise<Row[]> {
  const { dev, maria, sam } = team;
  const rows: Row[] = [
    // Dev: claimed today; contacted 12, 31, 37 and 45 minutes after the alert this week; one last week.
    { assignee: dev, status: 'claimed', createdAt: '2026-03-04T13:00Z', claimedAt: '2026-03-04T13:05Z' },
    {
      assignee: dev,
      status: 'contacted',
      createdAt: '2026-03-03T15:00Z',
      claimedAt: '2026-03-03T15:02Z',
      contactedAt: '2026-03-03T15:12Z',
    },
    {
      assignee: dev,
      status: 'won',
      createdAt: '2026-03-02T16:00Z',
      claimedAt: '2026-03-02T16:01Z',
      contactedAt: '2026-03-02T16:31Z',
    },
    {
      assignee: dev,
      status: 'contacted',
      createdAt: '2026-03-04T07:00Z',
      claimedAt: '2026-03-04T07:30Z',
      contactedAt: '2026-03-04T07:37Z',
    },
    {
      assignee: dev,
      status: 'lost',
      createdAt: '2026-03-03T20:00Z',
      claimedAt: '2026-03-03T20:01Z',
      contactedAt: '2026-03-03T20:45Z',
    },
    {
      assignee: dev,
      status: 'won',
      createdAt: '2026-02-27T16:00Z',
      claimedAt: '2026-02-27T16:01Z',
      contactedAt: '2026-02-27T16:05Z',
    },
    // Maria: two contacts this week (4 and 8 minutes), both closed.
    {
      assignee: maria,
      status: 'won',
      createdAt: '2026-03-02T10:00Z',
      claimedAt: '2026-03-02T10:01Z',
      contactedAt: '2026-03-02T10:04Z',
    },
    {
      assignee: maria,
      status: 'lost',
      createdAt: '2026-03-03T10:00Z',
      claimedAt: '2026-03-03T10:01Z',
      contactedAt: '2026-03-03T10:08Z',
    },
    // Sam holds one, assigned just before 6 am Austin time (yesterday, in the team's day).
    { assignee: sam, status: 'assigned', createdAt: '2026-03-04T05:50Z', claimedAt: '2026-03-04T05:55Z' },
    // Kim holds one from yesterday; one alert nobody holds.
    { assignee: kim, status: 'claimed', createdAt: '2026-03-03T18:00Z', claimedAt: '2026-03-03T18:10Z' },
    { assignee: null, status: 'open', createdAt: '2026-03-04T14:00Z' },
  ];
  for (const [i, r] of rows.entries()) {
    const row = await insertAlert(rt.db, {
      tenantId: team.tenant.id,
      kind: 'hot_lead',
      priority: 'high',
      leadId: team.ana.id,
      listingKey: null,
      dedupeKey: `team-${i}`,
      reason: 'seeded',
      expiresAt: new Date('2026-03-10T00:00Z'),
      createdAt: new Date(r.createdAt),
    });
    await rt.db
      .update(alerts)
      .set({
        status: r.status,
        assigneeId: r.assignee?.id ?? null,
        claimedAt: r.claimedAt ? new Date(r.claimedAt) : null,
        contactedAt: r.contactedAt ? new Date(r.contactedAt) : null,
        closedAt: CLOSED.includes(r.status) ? new Date(r.contactedAt ?? r.createdAt) : null,
      })
      .where(eq(alerts.id, row!.id));
  }
  // Another team's agent and alert count for nobody here.
  const { tenant: other } = await createTenant(rt.db, { name: 'Elsewhere Realty', timezone: 'UTC' });
  const stranger = await createAgent(rt.db, { tenantId: other.id, name: 'Dev Patel', email: 'dev@elsewhere.test' });
  await rt.db.insert(alerts).values({
    tenantId: other.id,
    kind: 'hot_lead',
    priority: 'high',
    status: 'claimed',
    dedupeKey: 'other',
    reason: 'other team',
    assigneeId: stranger.id,
    claimedAt: NOW,
    createdAt: NOW,
  });
  return rows;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** What `/team` should say about one agent, worked out from the seeded agent and alert rows. */
function expectedRow(agent: Agent, rows: Row[]) {
  const local = DateTime.fromJSDate(NOW, { zone: ZONE });
  const dayStart = local.startOf('day').toMillis();
  const weekStart = local.startOf('week').toMillis();
  const theirs = rows.filter((r) => r.assignee?.id === agent.id);
  const contacts = theirs
    .filter((r) => r.contactedAt && Date.parse(r.contactedAt) >= weekStart)
    .map((r) => (Date.parse(r.contactedAt!) - Date.parse(r.createdAt)) / 60_000);
  let now = 'on shift';
  if (agent.paused) now = 'paused';
  else if (agent.vacationUntil && agent.vacationUntil > NOW)
    now = `away until ${DateTime.fromJSDate(agent.vacationUntil, { zone: ZONE }).toFormat('ccc LLL d, h:mm a')}`;
  else if (agent.workingHours) {
    const there = DateTime.fromJSDate(NOW, { zone: agent.timezone });
    const day = Object.entries(WEEKDAYS).find(([, n]) => n === there.weekday)![0];
    const window = (agent.workingHours as Record<string, [string, string]>)[day];
    const hhmm = there.toFormat('HH:mm');
    now = window && hhmm >= window[0] && hhmm < window[1] ? 'on shift' : 'off shift';
  }
  const m = contacts.length ? median(contacts) : null;
  return [
    now,
    String(theirs.filter((r) => !CLOSED.includes(r.status)).length),
    String(theirs.filter((r) => r.claimedAt && Date.parse(r.claimedAt) >= dayStart).length),
    m === null ? '–' : `${Number.isInteger(m) ? m : m.toFixed(1)} min (${contacts.length})`,
  ];
}

/** The table's rows, by agent name, as cells. */
function tableRows(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.startsWith('Agent '));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(head + 2)) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length < 5) break;
    rows.set(cells[0].replace(/ \(@\w+\)$/, ''), cells.slice(1));
  }
  return rows;
}

async function slackTeam(rt: Runtime, slack: ReturnType<typeof recordSlack>, user: string) {
  const url = `https://hooks.slack.test/commands/T111/${slack.responses.length}/team`;
  await slackCommand(rt, user, '/team', '', url);
  await drainJobs(rt, ['chat.action']);
  return JSON.stringify(slack.responses.find((r) => r.url === url)!.body.blocks).replace(/\\n/g, '\n');
}

/** The agent round robin picks next, as `/team` names it. */
const nextPick = (text: string, everyone: Agent[]) => {
  const name = /\*Buyers round robin\* → ([^(]+) \(@/.exec(text)?.[1]?.trim();
  return everyone.find((a) => a.name === name)!;
};

async function routeNew(rt: Runtime, team: ChatTeam, key: string) {
  const alert = await insertAlert(rt.db, {
    tenantId: team.tenant.id,
    kind: 'hot_lead',
    priority: 'high',
    leadId: team.ben.id,
    listingKey: null,
    dedupeKey: key,
    reason: 'new',
    expiresAt: new Date('2026-03-10T00:00Z'),
  });
  await routeAlert(
    { db: rt.db, queue: rt.queue, clock: rt.clock, reach: reachOf(rt) },
    {
      tenantId: team.tenant.id,
      alertId: alert!.id,
    },
  );
  return (await rt.db.select().from(alerts).where(eq(alerts.id, alert!.id)))[0].assigneeId;
}

describe('/team', () => {
  it('shows availability, open alerts, claims today and median first contact per agent, as the rows say', async () => {
    const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock(NOW) });
    const { team, kim, all } = await seedTeam(rt);
    const rows = await seedAlerts(rt, team, kim);
    const slack = recordSlack();

    const slackText = await slackTeam(rt, slack, 'UMARIA');
    const terminalText = await handleTerminalLine(rt, '/team', team.maria.email);
    for (const text of [slackText, terminalText]) {
      const table = tableRows(text);
      expect([...table.keys()].sort()).toEqual(all.map((a) => a.name).sort());
      for (const agent of all) expect(table.get(agent.name), agent.name).toEqual(expectedRow(agent, rows));
      expect(text).toContain('contacted_at − created_at');
      expect(text).not.toContain('elsewhere');
    }
    // The table's "now" covers each kind of absence the team has.
    const nows = new Set(all.map((a) => expectedRow(a, rows)[0].replace(/ until .*/, '')));
    expect(nows).toEqual(new Set(['on shift', 'off shift', 'paused', 'away']));
    // Managers get a Pause or Resume button per agent; Sam, paused, has Resume.
    expect(slackText).toContain(`team:resume:${team.sam.id}`);
    expect(slackText).toContain(`team:pause:${team.dev.id}`);
    expect(terminalText).toContain('resume sam');
    // An agent sees the same table without the buttons.
    expect(await slackTeam(rt, slack, 'UDEV')).not.toContain('team:pause:');
  });

  it('names who round robin picks next as routing does; an agent’s Pause is refused, a manager’s works', async () => {
    const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock(NOW) });
    const { team, kim, lee, all } = await seedTeam(rt);
    await replaceRoutingTable(rt, {
      tenantId: team.tenant.id,
      rules: [
        {
          name: 'Buyers round robin',
          strategy: 'round_robin',
          condition: null,
          pool: { agentIds: [team.maria.id, team.dev.id, kim.id, team.sam.id, lee.id] },
        },
      ],
    });
    const slack = recordSlack();

    // What /team says is next is who routing then gives the alert to, and asking spends no turn.
    const first = nextPick(await slackTeam(rt, slack, 'UMARIA'), all);
    expect(nextPick(await slackTeam(rt, slack, 'UMARIA'), all)).toBe(first);
    expect(await routeNew(rt, team, 'rr-1')).toBe(first.id);
    const second = nextPick(await slackTeam(rt, slack, 'UMARIA'), all);
    expect(second).toBeDefined();

    // Dev, an agent, presses Pause on that agent: refused, nothing changes.
    await slackBlockAction(
      rt,
      'UDEV',
      { action_id: `team:pause:${second.id}`, type: 'button', value: 'x' },
      'https://hooks.slack.test/actions/T111/1/agent-pause',
    );
    await drainJobs(rt, ['chat.action']);
    const refusal = slack.responses.find((r) => r.url.endsWith('/agent-pause'))!.body;
    expect(refusal).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(refusal.text).toBe(
      'Only managers can pause or resume agents. For yourself, /away takes you off new alerts and /back brings you ' +
        'back.',
    );
    const [untouched] = await rt.db.select().from(agents).where(eq(agents.id, second.id));
    expect(untouched.paused).toBe(false);

    // Maria pauses them: the team view is drawn again in place, and the next alert goes to someone else.
    await slackBlockAction(
      rt,
      'UMARIA',
      { action_id: `team:pause:${second.id}`, type: 'button', value: 'x' },
      'https://hooks.slack.test/actions/T111/2/manager-pause',
    );
    await drainJobs(rt, ['chat.action']);
    const redrawn = slack.responses.find((r) => r.url.endsWith('/manager-pause'))!.body;
    expect(redrawn.replace_original).toBe(true);
    const view = JSON.stringify(redrawn.blocks).replace(/\\n/g, '\n');
    expect(view).toContain(`Paused ${second.name}`);
    expect(tableRows(view).get(second.name)![0]).toBe('paused');
    expect(view).toContain(`team:resume:${second.id}`);
    const third = nextPick(view, all);
    expect(third.id).not.toBe(second.id);
    expect(await routeNew(rt, team, 'rr-2')).toBe(third.id);
    const [paused] = await rt.db.select().from(agents).where(eq(agents.id, second.id));
    expect(paused.paused).toBe(true);
  });
});
