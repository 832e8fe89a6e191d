import type { Command } from 'commander';
import { email } from '../parse-option.ts';

/**
 * `porchlight chat [--as <email>]`: the terminal command loop. On PGlite with `start` running it
 * sends each line to that process; otherwise it opens the database itself.
 */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('Type chat commands (/top-deals, /lead ana, claim 12) against the database')
    .option('--as <email>', 'act as this agent (default: the first manager of the first team)', email)
    .action(async (opts: { as?: string }) => {
      const [{ cliContext }, { localServer }, { startTerminalLoop }] = await Promise.all([
        import('../env.ts'),
        import('../../bots/terminal/local-server.ts'),
        import('../../bots/terminal/terminal-loop.ts'),
      ]);
      const { env, logger } = cliContext();
      const server = localServer(env);
      if (server) {
        process.stdout.write('Connected to the running Porchlight. Type /porchlight help; Ctrl-D to leave.\n');
        const stop = await startTerminalLoop(undefined, {
          handle: async (line) => (await server.call<{ text: string }>('/internal/chat', { line, as: opts.as })).text,
        });
        await new Promise<void>((resolve) => process.stdin.once('end', resolve));
        return stop();
      }
      const { createRuntime } = await import('../../jobs/create-runtime.ts');
      const runtime = await createRuntime({ env, logger, schedule: false });
      const stop = await startTerminalLoop(runtime, { as: opts.as });
      await new Promise<void>((resolve) => process.stdin.once('end', resolve));
      await stop();
      await runtime.close();
    });
}
