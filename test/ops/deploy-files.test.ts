import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createProgram } from '../../bin/program.ts';
import { createApp } from '../../webhooks/app.ts';
import { metricsRoutes } from '../../webhooks/routes/health.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { envExampleKeys } from './env-example-keys.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Every runnable command path of the real CLI: "start", "import listings", … */
function commandPaths(command: Command = createProgram(), prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return sub.commands.length ? commandPaths(sub, path) : [path.join(' ')];
  });
}

/** `porchlight <words>` → true when the words start with a real command path. */
function isRealCommand(argv: string[]): boolean {
  if (argv[0] !== 'porchlight') return false;
  const words = argv.slice(1).filter((w) => !w.startsWith('-'));
  return commandPaths().some((path) => words.join(' ').startsWith(path));
}

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string> | string[];
  env_file?: unknown;
  deploy?: { replicas?: number };
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition?: string }>;
}

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
  const porchlight = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

  it('runs the app, two workers and PostgreSQL 16 with a health check', () => {
    expect(compose.services.db.image).toBe('postgres:16');
    expect(compose.services.db.healthcheck?.test).toBeTruthy();
    const commands = porchlight.map(([, s]) => [s.command, s.deploy?.replicas ?? 1]);
    expect(commands).toContainEqual([['porchlight', 'start'], 1]);
    expect(commands).toContainEqual([['porchlight', 'work'], 2]);
    for (const [, service] of porchlight) expect(service.depends_on?.db?.condition).toBe('service_healthy');
  });

  it('runs only real CLI commands', () => {
    for (const [name, service] of porchlight) {
      const argv = typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
      expect(isRealCommand(argv), `${name}: ${argv.join(' ')}`).toBe(true);
    }
    expect(isRealCommand(['porchlight', 'no-such-command'])).toBe(false);
  });

  it('sets only variables .env.example documents, and points DATABASE_URL at the db service', () => {
    const documented = envExampleKeys();
    for (const [name, service] of porchlight) {
      const env = Array.isArray(service.environment)
        ? Object.fromEntries(service.environment.map((e) => e.split('=')))
        : (service.environment ?? {});
      for (const key of Object.keys(env)) expect(documented, `${name} sets ${key}`).toContain(key);
      expect(new URL(env.DATABASE_URL).hostname).toBe('db');
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in stages with npm ci and runs as a non-root user with fonts for charts', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
    expect(dockerfile).toMatch(/fonts-dejavu-core/);
  });

  it('starts a real CLI command', () => {
    const cmd = dockerfile.match(/^CMD (\[.*\])$/m)?.[1];
    expect(cmd).toBeDefined();
    expect(isRealCommand(JSON.parse(cmd!))).toBe(true);
  });

  it('health-checks a route that answers 200', async () => {
    const path = dockerfile.match(/^HEALTHCHECK[\s\S]*?https?:\/\/[^/]+\/([\w/]+)/m)?.[1];
    expect(path).toBe('healthz');
    const app = createApp(await createTestRuntime());
    expect((await app.request(`/${path}`)).status).toBe(200);
  });
});

describe('METRICS_PORT', () => {
  it('moves /metrics off the public app', async () => {
    const runtime = await createTestRuntime({ env: { METRICS_PORT: '9464' } });
    expect((await createApp(runtime).request('/metrics')).status).toBe(404);
    const metrics = await metricsRoutes(runtime).request('/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/# HELP/);
  });

  it('leaves /metrics on the public app when unset', async () => {
    const response = await createApp(await createTestRuntime()).request('/metrics');
    expect(response.status).toBe(200);
  });
});
