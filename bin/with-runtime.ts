import type { Runtime } from '../jobs/runtime.ts';

/**
 * Runs a CLI command body against the database and queue, then closes them. The runtime's modules load
 * here, when a command runs, so `--help` and the commands that need no database never pay for them.
 */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const [{ cliContext }, { createRuntime }] = await Promise.all([
    import('./env.ts'),
    import('../jobs/create-runtime.ts'),
  ]);
  const { env, logger } = cliContext();
  const runtime = await createRuntime({ env, logger: logger.child({}), schedule: false });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
