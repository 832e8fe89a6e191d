import type { Command } from 'commander';
import type { DoctorCheck, ProbeOutcome } from '../../core/config/doctor-report.ts';
import type { Env } from '../../core/config/env-schema.ts';
import type { Logger } from '../../core/observability/logger.ts';

/** Opening the runtime applies pending migrations, so "answers" here also means "schema is current". */
async function checkDatabase(env: Env, logger: Logger): Promise<ProbeOutcome> {
  const [{ createRuntime }, { databaseAnswers }] = await Promise.all([
    import('../../jobs/create-runtime.ts'),
    import('../../db/queries/readiness.ts'),
  ]);
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
  const { PROVIDER_PROBES } = await import('../../integrations/probes/provider-probes.ts');
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
      const [{ cliContext }, { renderDoctor }] = await Promise.all([
        import('../env.ts'),
        import('../../core/config/doctor-report.ts'),
      ]);
      const { env, logger } = cliContext();
      const checks = await runDoctor(env, logger);
      const { text, exitCode } = renderDoctor(checks);
      if (opts.json) process.stdout.write(`${JSON.stringify(checks.map((c) => ({ name: c.name, ...c.outcome })))}\n`);
      else process.stdout.write(text);
      process.exitCode = exitCode;
    });
}
