import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Runtime } from '../../jobs/runtime.ts';
import { handleTerminalLine, terminalIdentity } from './terminal-session.ts';

export interface TerminalLoopOptions {
  input?: Readable;
  output?: Writable;
  /** Act as this agent instead of the first manager. */
  as?: string;
  /** Runs a line somewhere else (through the running server for `porchlight chat` on PGlite). */
  handle?: (line: string) => Promise<string>;
}

/**
 * The stdin command loop: one line at a time, in order, so `claim 12` then `ack 12` never race.
 * Returns a stopper for `startService`'s attach list.
 */
export async function startTerminalLoop(
  runtime: Runtime | undefined,
  options: TerminalLoopOptions = {},
): Promise<() => Promise<void>> {
  const output = options.output ?? process.stdout;
  const handle = options.handle ?? ((line: string) => handleTerminalLine(runtime!, line, options.as));
  if (runtime && !options.handle) {
    const who = await terminalIdentity(runtime, options.as).catch(() => undefined);
    output.write(
      who
        ? `\nPorchlight terminal: acting as ${who.actor.name} (${who.actor.role}) in ${who.tenant.name}. Type /porchlight help.\n`
        : '\nPorchlight terminal: no team yet. Run `npm run porchlight -- demo` in another terminal, then type /top-deals.\n',
    );
  }
  const rl = createInterface({ input: options.input ?? process.stdin, terminal: false });
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      const text = await handle(line).catch((error: Error) => `Error: ${error.message}`);
      if (text) output.write(`${text}\n`);
    });
  });
  return async () => {
    rl.close();
    await queue;
  };
}
