import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandPath, createProgram } from '../../bin/program.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { server } from '../msw/server.ts';

/** "agent set" for the command `porchlight agent set`. */
const pathOf = (command: Command) => commandPath(command).replace(/^porchlight /, '');
const leaves = (command: Command): Command[] =>
  command.commands.flatMap((sub) => (sub.commands.length ? leaves(sub) : [sub]));
const LEAVES = leaves(createProgram());

/** Commands that report nothing, so they take no --json; each with the reason. */
const REPORT_NOTHING: Record<string, string> = {
  start: 'a long-running service: it logs, it has no result to report',
  serve: 'a long-running service: it logs, it has no result to report',
  work: 'a long-running worker: it logs, it has no result to report',
  chat: 'an interactive conversation on the terminal, not a report',
};

/** Values no parser checks, each with the reason. */
const NOT_PARSED: Record<string, string> = {
  'tenant add --name': "free text: a team's name",
  'agent add --name': "free text: a person's name",
  'agent add --areas': 'free text: city names or postal codes',
  'agent set --skills': 'free text: skill words the team chooses',
  'agent set --languages': 'free text: language codes the team chooses',
  'backup <file>': 'a file to create: the backup names a folder it cannot write to',
  'restore <file>': 'read by the restore, which names a file it cannot read (exit 1)',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-cli-contract-'));
  writeFileSync(join(dir, 'rules.json'), '[]');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs `porchlight <argv>` in this process; what it printed on stdout, or the error it threw. */
async function porchlight(...argv: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await createProgram().parseAsync(['node', 'porchlight', ...argv]);
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return out;
}

/** The one JSON document a `--json` command printed: one line, nothing else on stdout. */
async function json<T>(...argv: string[]): Promise<T> {
  const out = await porchlight(...argv, '--json');
  expect(out.endsWith('\n'), out).toBe(true);
  expect(out.trimEnd().split('\n'), out).toHaveLength(1);
  return JSON.parse(out) as T;
}

describe('porchlight -V', () => {
  it('prints the version from package.json with exit code 0, and runs no command', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    await expect(createProgram().parseAsync(['node', 'porchlight', '-V'])).rejects.toMatchObject({
      exitCode: 0,
      code: 'commander.version',
    });
    expect(out).toBe(`${version}\n`);
  });
});

describe('every command that reports something takes --json', () => {
  it('lists every leaf command except the few that report nothing', () => {
    const missing = LEAVES.filter((c) => !(pathOf(c) in REPORT_NOTHING))
      .filter((c) => !c.options.some((o) => o.long === '--json'))
      .map(pathOf);
    expect(missing).toEqual([]);
    // The exceptions stay real commands, so the list cannot go stale silently.
    expect(Object.keys(REPORT_NOTHING).filter((p) => !LEAVES.some((c) => pathOf(c) === p))).toEqual([]);
  });
});

interface BadValue {
  /** `agent set --max-open` or `dlq replay <ids>`: the option or argument this row proves. */
  covers: string;
  argv: string[];
  /** What the one-line message must name. */
  names: string[];
}

/** `command [...before] flag value`: the message names the flag and the value. */
const option = (command: string, flag: string, value: string, before: string[] = []): BadValue => ({
  covers: `${command} ${flag}`,
  argv: [...command.split(' '), ...before, flag, value],
  names: [flag, value],
});

/** `command [...before] value [...after]`: the message names the argument and the value. */
const argument = (command: string, name: string, value: string, before: string[] = [], after: string[] = []) => ({
  covers: `${command} <${name}>`,
  argv: [...command.split(' '), ...before, value, ...after],
  names: [name, value],
});

const TEAM = ['--name', 'Hill Country Homes'];
/** A file that exists: a rules file whose contents are never read when an option is bad. */
const PACKAGE_JSON = join(import.meta.dirname, '../../package.json');
const AGENT = ['--tenant', 't1', '--name', 'Ana Ruiz', '--email', 'ana@hillcountry.test'];
const BAD_VALUES: BadValue[] = [
  option('dlq list', '--queue', 'alert.delivr'),
  option('dlq replay', '--queue', 'nope'),
  argument('dlq replay', 'ids', 'not-a-job-id'),
  option('tenant add', '--ghl-location', 'two words', TEAM),
  option('tenant add', '--slack-team', 'acme-realty', TEAM),
  option('tenant add', '--discord-guild', 'my-server', TEAM),
  option('tenant add', '--twilio-number', '512-555-0100', TEAM),
  option('tenant add', '--timezone', 'Mars/Olympus_Mons', TEAM),
  argument('tenant show', 'id', 'two words'),
  argument('tenant set', 'id', 'two words', [], ['delivery.perHour=5']),
  argument('tenant set', 'assignments', 'delivery.perHour', ['t1']),
  option('tenant set', '--file', join(tmpdir(), 'no-such-dir', 'settings.json'), ['t1']),
  argument('tenant rotate-key', 'id', 'two words'),
  option('agent add', '--tenant', 'two words', AGENT.slice(2)),
  option('agent add', '--email', 'ana-at-hillcountry', AGENT.slice(0, 4)),
  option('agent add', '--phone', '(512) 555-0100', AGENT),
  option('agent add', '--role', 'boss', AGENT),
  option('agent add', '--slack-user', 'ana', AGENT),
  option('agent add', '--discord-user', 'ana#1234', AGENT),
  option('agent add', '--ghl-user', 'two words', AGENT),
  option('agent add', '--timezone', 'Central', AGENT),
  option('agent list', '--tenant', 'two words'),
  argument('agent set', 'id', 'two words', [], ['--pause']),
  option('agent set', '--hours', 'nine-to-five', ['a1']),
  option('agent set', '--timezone', 'Nowhere/City', ['a1']),
  option('agent set', '--vacation', '2026-13-40..x', ['a1']),
  option('agent set', '--channels', 'slack,pigeon', ['a1']),
  option('agent set', '--max-open', 'abc', ['a1']),
  argument('agent key', 'id', 'two words'),
  option('rules list', '--tenant', 'two words'),
  option('rules set', '--tenant', 'two words'),
  option('rules set', '--file', join(tmpdir(), 'no-such-dir', 'rules.json'), ['--tenant', 't1']),
  argument('rules simulate', 'rules.json', join(tmpdir(), 'no-such-dir', 'rules.json'), [], ['--tenant', 't1']),
  option('rules simulate', '--tenant', 'two words', [PACKAGE_JSON]),
  option('rules simulate', '--days', '0', [PACKAGE_JSON, '--tenant', 't1']),
  option('rules simulate', '--out-dir', PACKAGE_JSON, [PACKAGE_JSON, '--tenant', 't1']),
  option('automations list', '--tenant', 'two words'),
  argument('automations show', 'ruleId', 'New_Lead', [], ['--tenant', 't1']),
  option('automations show', '--tenant', 'two words', ['new-lead']),
  argument('automations set', 'file', join(tmpdir(), 'no-such-dir', 'rules.json'), [], ['--tenant', 't1']),
  option('automations set', '--tenant', 'two words', [PACKAGE_JSON]),
  argument('automations enable', 'ruleId', 'New_Lead', [], ['--tenant', 't1']),
  option('automations enable', '--tenant', 'two words', ['new-lead']),
  argument('automations disable', 'ruleId', 'New_Lead', [], ['--tenant', 't1']),
  option('automations disable', '--tenant', 'two words', ['new-lead']),
  argument('automations stop', 'ruleId|all', 'New_Lead', [], ['--lead', 'l1', '--tenant', 't1']),
  option('automations stop', '--lead', 'two words', ['new-lead', '--tenant', 't1']),
  option('automations stop', '--tenant', 'two words', ['new-lead', '--lead', 'l1']),
  argument('automations test', 'file', join(tmpdir(), 'no-such-dir', 'rules.json'), [], ['--tenant', 't1']),
  option('automations test', '--tenant', 'two words', [PACKAGE_JSON]),
  option('automations test', '--days', '0', [PACKAGE_JSON, '--tenant', 't1']),
  option('model train', '--tenant', 'two words'),
  option('model list', '--tenant', 'two words'),
  option('model activate', '--tenant', 'two words'),
  option('model activate', '--version', 'latest', ['--tenant', 't1']),
  option('model deactivate', '--tenant', 'two words'),
  option('sync ghl', '--tenant', 'two words'),
  option('sync ghl', '--since', 'yesterday-ish'),
  argument('quarantine replay', 'ids', 'two words'),
  option('demo', '--pace', 'fast'),
  option('chat', '--as', 'ana'),
  option('discord register', '--tenant', 'two words'),
  option('slack install-link', '--tenant', 'two words'),
  option('link slack', '--tenant', 'two words'),
  argument('import listings', 'file', 'listings.xlsx', [], ['--tenant', 't1']),
  option('import listings', '--tenant', 'two words', ['listings.csv']),
  option('connect ghl', '--tenant', 'two words'),
  argument('export', 'what', 'listings', [], ['--tenant', 't1']),
  option('export', '--tenant', 'two words', ['leads']),
  option('export', '--since', 'last-week', ['leads', '--tenant', 't1']),
  option('export', '--out', join(tmpdir(), 'no-such-dir', 'leads.csv'), ['leads', '--tenant', 't1']),
  argument('lead forget', 'id', 'two words', [], ['--tenant', 't1']),
  option('lead forget', '--tenant', 'two words', ['l1']),
  option('deliveries list', '--tenant', 'two words'),
  option('deliveries list', '--status', 'unsure', ['--tenant', 't1']),
  argument('deliveries resend', 'id', 'two words', [], ['--tenant', 't1']),
  option('deliveries resend', '--tenant', 'two words', ['d1']),
  option('work', '--concurrency', '0'),
];

describe('a bad value is bad usage (exit 2), named in one line, before anything opens', () => {
  it.each(BAD_VALUES.map((row) => [row.argv.join(' '), row] as const))('%s', async (_line, row) => {
    // Nothing may open: a database here would mean the value reached the command.
    vi.stubEnv('DATABASE_URL', 'postgres://nobody@127.0.0.1:1/never');
    const error = await porchlight(...row.argv).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code, String(error)).toBe('bad_usage');
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    for (const name of row.names) expect(message).toContain(name);
  });

  it('also names what was meant for a misspelled setting and a mixed-up pair of flags', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://nobody@127.0.0.1:1/never');
    await expect(porchlight('tenant', 'set', 't1', 'delivery.perHuor=5')).rejects.toMatchObject({
      code: 'bad_usage',
      message: 'unknown setting "delivery.perHuor" (did you mean "delivery.perHour"?)',
    });
    await expect(porchlight('agent', 'set', 'a1', '--pause', '--resume')).rejects.toMatchObject({
      code: 'bad_usage',
      message: 'give --pause or --resume, not both',
    });
    await expect(porchlight('tenant')).rejects.toMatchObject({
      code: 'bad_usage',
      message: 'missing command: add, list, show, set, rotate-key (see porchlight tenant --help)',
    });
  });

  it('covers every option and argument that takes a value', () => {
    const takesValue = LEAVES.flatMap((c) => [
      ...c.options.filter((o) => o.required || o.optional).map((o) => `${pathOf(c)} ${o.long}`),
      ...c.registeredArguments.map((a) => `${pathOf(c)} <${a.name()}>`),
    ]);
    const covered = new Set(BAD_VALUES.map((row) => row.covers));
    expect(takesValue.filter((v) => !covered.has(v) && !(v in NOT_PARSED))).toEqual([]);
  });
});

const LOCATION = 'l1C08ntBrFjLS0elLIYU';
const GHL = 'https://ghl.test';
const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8'));

/** GHL's contact search (POST /contacts/search), two contacts on one page. */
const contact = (id: string, firstName: string) => ({
  id,
  locationId: LOCATION,
  firstName,
  lastName: 'Lopez',
  email: `${firstName.toLowerCase()}@example.com`,
  phone: '+15125550100',
  tags: ['buyer'],
  dnd: false,
  customFields: [],
  dateAdded: '2026-01-01T00:00:00.000Z',
  dateUpdated: '2026-03-05T00:00:00.000Z',
});

describe('--json prints one document with the documented keys', () => {
  it('tenant, agent, rules, model, dlq, sync ghl and doctor, on a real database', async () => {
    if (process.env.DATABASE_URL) {
      const database = await createTestDatabase();
      vi.stubEnv('DATABASE_URL', database.connectionString!);
      await database.close();
    } else vi.stubEnv('PGLITE_DIR', join(dir, 'pglite'));
    vi.stubEnv('LOG_LEVEL', 'silent');
    vi.stubEnv('GHL_API_URL', GHL);
    vi.stubEnv('GHL_TOKEN', 'pit-secret');
    vi.stubEnv('GHL_LOCATION_ID', LOCATION);
    server.use(
      http.post(`${GHL}/contacts/search`, () =>
        HttpResponse.json({ contacts: [contact('c1', 'Ana'), contact('c2', 'Bea')], total: 2 }),
      ),
      http.get(`${GHL}/locations/${LOCATION}`, () => HttpResponse.json(fixture('oauth/ghl-location-response.json'))),
    );

    const team = await json<{ id: string; apiKey: string }>('tenant', 'add', ...TEAM, '--ghl-location', LOCATION);
    expect(Object.keys(team).sort()).toEqual(['apiKey', 'id']);
    const agent = await json<{ id: string }>('agent', 'add', ...AGENT.slice(2), '--tenant', team.id);

    const tenants = await json<Array<Record<string, unknown>>>('tenant', 'list');
    expect(tenants).toMatchObject([
      { id: team.id, name: 'Hill Country Homes', timezone: 'America/Chicago', ghlLocations: [LOCATION] },
    ]);
    expect(await json('agent', 'list', '--tenant', team.id)).toMatchObject([
      { id: agent.id, name: 'Ana Ruiz', email: 'ana@hillcountry.test', role: 'agent', areas: [] },
    ]);
    const rules = await json<{ rules: Array<{ name: string }>; isDefault: boolean }>(
      'rules',
      'list',
      '--tenant',
      team.id,
    );
    expect(rules.isDefault).toBe(true);
    expect(rules.rules.length).toBeGreaterThan(0);
    expect(await json('model', 'list', '--tenant', team.id)).toEqual([]);
    expect(await json('automations', 'list', '--tenant', team.id)).toEqual({ rules: [], state: [] });
    expect(await json('dlq', 'list')).toEqual([]);
    expect(await json('sync', 'ghl', '--tenant', team.id)).toEqual({ new: 2, updated: 0, unchanged: 0 });

    const checks = await json<Array<{ name: string; status: string }>>('doctor');
    expect(checks).toContainEqual(expect.objectContaining({ name: 'Database', status: 'ok' }));
    expect(checks).toContainEqual(expect.objectContaining({ name: 'GHL', status: 'ok' }));

    // Well-formed but unknown: a failure (exit 1), not bad usage.
    await expect(porchlight('rules', 'list', '--tenant', 'no-such-team', '--json')).rejects.toMatchObject({
      code: 'not_found',
    });
  }, 180_000);
});
