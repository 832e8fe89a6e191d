import { cliContext } from './env.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import type { Runtime } from '../jobs/runtime.ts';

/** Runs a CLI command body against the database and queue, then closes them. */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { env, logger } = cliContext();
  const runtime = await createRuntime({ env, logger: logger.child({}), schedule: false });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
