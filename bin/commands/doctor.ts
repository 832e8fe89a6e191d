import type { Command } from 'commander';
import { renderDoctor, type DoctorCheck, type ProbeOutcome } from '../../core/config/doctor-report.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import { databaseAnswers } from '../../db/queries/readiness.ts';
import { PROVIDER_PROBES } from '../../integrations/probes/provider-probes.ts';
import type { Env } from '../../core/config/env-schema.ts';
import type { Logger } from '../../core/observability/logger.ts';
import { cliContext } from '../env.ts';

/** Opening the runtime applies pending migrations, so "answers" here also means "schema is current". */
async function checkDatabase(env: Env, logger: Logger): Promise<ProbeOutcome> {
  try {
    const runtime = await createRuntime({ env, logger, schedule: false });
    try {
      await databaseAnswers(runtime.db);
      return { status: 'ok', detail: `${runtime.database.kind}, migrations applied` };
    } finally {
      await runtime.close();
    }
  } catch (error) {
    return { status: 'failed', reason: (error as Error).message.split('\n')[0] };
  }
}

/** Every check; callable from tests with their env. */
export async function runDoctor(env: Env, logger: Logger): Promise<DoctorCheck[]> {
  const providers = await Promise.all(
    PROVIDER_PROBES.map(async ([name, probe]) => ({ name, outcome: await probe(env) })),
  );
  return [{ name: 'Database', outcome: await checkDatabase(env, logger) }, ...providers];
}

/** `porchlight doctor [--json]`: one harmless call per configured provider; exit 1 if any configured one fails. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the database and each configured provider with one harmless call (✓ / ✗ / – off)')
    .option('--json', 'print [{"name","status","detail"|"reason"}]')
    .action(async (opts: { json?: boolean }) => {
      const { env, logger } = cliContext();
      const checks = await runDoctor(env, logger);
      const { text, exitCode } = renderDoctor(checks);
      if (opts.json) process.stdout.write(`${JSON.stringify(checks.map((c) => ({ name: c.name, ...c.outcome })))}\n`);
      else process.stdout.write(text);
      process.exitCode = exitCode;
    });
}
