import type { Command } from 'commander';
import { cliContext } from '../env.ts';
import { withRuntime } from '../with-runtime.ts';
import { localServer } from '../../bots/terminal/local-server.ts';
import { runDemo, type DemoResult } from '../../bots/demo/run-demo.ts';

/** `porchlight demo`: through the running `start` on PGlite, or straight on the database. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Seed a demo team and replay a realistic day of GHL events and listing changes')
    .option('--pace <ms>', 'pause between replayed events (direct mode)', '800')
    .action(async (opts: { pace: string }) => {
      const { env } = cliContext();
      const out = (line: string) => void process.stdout.write(`${line}\n`);
      const server = localServer(env);
      if (server) {
        out('Sending the demo to the running Porchlight…');
        const result = await server.call<DemoResult & { lines: string[] }>('/internal/demo', {});
        result.lines.forEach(out);
        return;
      }
      await withRuntime((rt) => runDemo(rt, { say: out, paceMs: Number(opts.pace) || 0 }));
      out(
        env.DATABASE_URL
          ? 'Workers of any `porchlight start` or `work` on this database will route the alerts now.'
          : 'No Porchlight is running: the alerts are queued and will arrive when you run `npm start`.',
      );
    });
}
