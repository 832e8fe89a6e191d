import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';

/** `porchlight secrets rotate`: after putting the new secret first in APP_SECRETS (`new,old`). */
export function registerSecretsCommands(program: Command): void {
  const secrets = program.command('secrets').description('The secrets stored credentials are sealed with');
  secrets
    .command('rotate')
    .description('Re-seal every stored credential with the first of APP_SECRETS, so the others can be dropped')
    .option('--json', 'print {"resealed":{…per kind},"failed":n,"failures":[{"kind","id"}]}')
    .action(async (opts: { json?: boolean }) => {
      const [{ secretKeys }, { rotateSecrets }] = await Promise.all([
        import('../../core/config/load-env.ts'),
        import('../../db/use-cases/secrets/rotate-secrets.ts'),
      ]);
      await withRuntime(async (runtime) => {
        const result = await rotateSecrets(runtime, { secrets: secretKeys(runtime.env) });
        if (opts.json) printJson(result);
        else {
          const counts = Object.entries(result.resealed).map(([kind, n]) => `${kind} ${n}`);
          process.stdout.write(`re-sealed with the first secret: ${counts.join(', ')}\n`);
          for (const f of result.failures) process.stdout.write(`  not opened by any secret: ${f.kind} ${f.id}\n`);
        }
        if (result.failed)
          throw new AppError(
            'invalid_config',
            `${result.failed} stored value(s) open with none of APP_SECRETS and were left as they are; ` +
              'add the secret they were sealed with to APP_SECRETS and run again',
          );
      });
    });
}
