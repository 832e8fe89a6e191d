import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { http, passthrough } from 'msw';
import { server } from '../msw/server.ts';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'bin/porchlight.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startProduct(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'start'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('porchlight start did not answer /healthz within 30 s');
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

// The embedded default is the product most people meet first: its data must outlive the process.
describe.skipIf(Boolean(process.env.DATABASE_URL))('the embedded database', () => {
  // Real processes: three CLI runs and two product starts, so a slow CI box gets room.
  it('keeps a tenant across stop and start, and refuses a second process while one runs', {
    timeout: 120_000,
  }, async () => {
    const env = {
      PATH: process.env.PATH,
      PGLITE_DIR: join(mkdtempSync(join(tmpdir(), 'porchlight-persist-')), 'pglite'),
      LOG_LEVEL: 'warn',
    };
    const added = spawnSync(process.execPath, [cli, 'tenant', 'add', '--name', 'Hill Country Homes', '--json'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(added.status, added.stderr).toBe(0);
    const { apiKey } = JSON.parse(added.stdout) as { apiKey: string };

    const port = await freePort();
    // This test talks to a real process on loopback; let those requests through msw.
    server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
    for (const round of [1, 2]) {
      const product = await startProduct(env, port);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/leads`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      expect(res.status, `round ${round}`).toBe(200);
      expect(await res.json()).toEqual({ data: [], next: null });
      if (round === 1) {
        const second = spawnSync(process.execPath, [cli, 'tenant', 'list'], { env, encoding: 'utf8', timeout: 60_000 });
        expect(second.status).toBe(1);
        expect(second.stderr).toMatch(/in use by a running Porchlight .*DATABASE_URL/);
      }
      expect(await stop(product)).toBe(0);
    }
  });
});
