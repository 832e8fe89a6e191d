import type { Command } from 'commander';
import type { DemoResult } from '../../bots/demo/run-demo.ts';
import { withRuntime } from '../with-runtime.ts';
import { wholeNumber } from '../parse-option.ts';
import { printJson } from '../print.ts';

/** `porchlight demo`: through the running `start` on PGlite, or straight on the database. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Seed a demo team and replay a realistic day of GHL events and listing changes')
    .option('--pace <ms>', 'pause between replayed events (direct mode)', wholeNumber({ max: 60_000 }), 800)
    .option('--json', 'print {"tenantId","seeded","listings","leads","events"}; the story goes to stderr')
    .action(async (opts: { pace: number; json?: boolean }) => {
      const [{ cliContext }, { localServer }] = await Promise.all([
        import('../env.ts'),
        import('../../bots/terminal/local-server.ts'),
      ]);
      const { env } = cliContext();
      // With --json the narration is for people watching, so it moves to stderr.
      const stream = opts.json ? process.stderr : process.stdout;
      const out = (line: string) => void stream.write(`${line}\n`);
      const server = localServer(env);
      if (server) {
        out('Sending the demo to the running Porchlight…');
        const { lines, ...result } = await server.call<DemoResult & { lines: string[] }>('/internal/demo', {});
        lines.forEach(out);
        if (opts.json) printJson(result);
        return;
      }
      const { runDemo } = await import('../../bots/demo/run-demo.ts');
      const result = await withRuntime((rt) => runDemo(rt, { say: out, paceMs: opts.pace }));
      out(
        env.DATABASE_URL
          ? 'Workers of any `porchlight start` or `work` on this database will route the alerts now.'
          : 'No Porchlight is running: the alerts are queued and will arrive when you run `npm start`.',
      );
      if (opts.json) printJson(result);
    });
}
