import type { Runtime } from '../../jobs/runtime.ts';
import { startTerminalLoop } from './terminal-loop.ts';

/**
 * `npm start`'s stdin loop, only for a person at a terminal (or `PORCHLIGHT_TERMINAL=1`): under a
 * process manager stdin is not a TTY and reading it would only see EOF. Alerts print through the
 * terminal channel either way.
 */
export async function terminalAttachment(runtime: Runtime): Promise<(() => Promise<void>) | void> {
  if (!process.stdin.isTTY && process.env.PORCHLIGHT_TERMINAL !== '1') return;
  return startTerminalLoop(runtime);
}
