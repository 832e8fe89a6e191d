import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The rules .ci/run enforces (room table, SQL only in db/, Biome formatting) must fail on a deliberate
// breach, or CI would be green for the wrong reason. Each check runs the real tool with the repository's
// own config against a small scratch tree.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'node_modules/.bin');
const scratch = mkdtempSync(join(tmpdir(), 'porchlight-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  cpSync(join(ROOT, 'biome.json'), join(dir, 'biome.json'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true } }));
  return dir;
}

function run(dir: string, command: string, args: string[]): { code: number; output: string } {
  try {
    // The tools need Node ≥ 22: run them on the Node running this test, not whatever `node` is on PATH.
    const output = execFileSync(process.execPath, [join(BIN, command), ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

const ROOMS = ['core', 'db', 'jobs', 'webhooks', 'integrations', 'bots'];
const cruise = (dir: string) =>
  run(dir, 'depcruise', [...ROOMS.filter((r) => existsSync(join(dir, r))), '--config', '.dependency-cruiser.cjs']);

describe('rules CI enforces', () => {
  it('passes a tree that keeps to the rooms', () => {
    const dir = tree('clean', {
      'core/score.ts': 'export const score = (n: number): number => n * 2;\n',
      'db/queries/leads.ts': "import { score } from '../../core/score.ts';\nexport const leadScore = score;\n",
      'bots/lead.ts': "import { leadScore } from '../db/queries/leads.ts';\nexport const show = leadScore;\n",
    });
    const result = cruise(dir);
    expect(result.output).not.toMatch(/error/);
    expect(result.code).toBe(0);
  });

  it('fails when core imports db, and when bots import webhooks', () => {
    const dir = tree('breach', {
      'core/score.ts': "import { leads } from '../db/queries/leads.ts';\nexport const score = leads;\n",
      'db/queries/leads.ts': 'export const leads = 1;\n',
      'webhooks/ingest.ts': 'export const ingest = 1;\n',
      'bots/demo.ts': "import { ingest } from '../webhooks/ingest.ts';\nexport const demo = ingest;\n",
    });
    const result = cruise(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('core-is-pure: core/score.ts → db/queries/leads.ts');
    expect(result.output).toContain('bots-room: bots/demo.ts → webhooks/ingest.ts');
  });

  it('fails when a query builder or a schema table is used outside db/', () => {
    const dir = tree('sql', {
      'db/schema/leads.ts': 'export const leads = { name: 1 };\n',
      'bots/lead.ts': "import { leads } from '../db/schema/leads.ts';\nexport const l = leads;\n",
      'webhooks/key.ts': "import { eq } from 'drizzle-orm';\nexport const e = eq;\n",
    });
    const result = cruise(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('tables-live-in-db: bots/lead.ts → db/schema/leads.ts');
    expect(result.output).toMatch(/sql-lives-in-db: webhooks\/key\.ts → drizzle-orm/);
  });

  it('fails the format check on a file the formatter would change, and passes it once formatted', () => {
    const dir = tree('format', { 'core/ugly.ts': 'export const  ugly = ( a:number )=>{ return a+1 }\n' });
    expect(run(dir, 'biome', ['format', 'core']).code).not.toBe(0);
    expect(run(dir, 'biome', ['format', '--write', 'core']).code).toBe(0);
    expect(run(dir, 'biome', ['format', 'core']).code).toBe(0);
  });
});
