import type { Runtime } from '../../jobs/runtime.ts';
import type { TerminalChoice } from '../render/render-terminal.ts';

/**
 * Where the terminal channel writes and what the last printed alert offered, per runtime. A test
 * or `porchlight chat` swaps `write` for its own sink.
 */
export interface TerminalState {
  write(text: string): void;
  /** Numbered choices of the alert printed last: typing `1` runs its first command. */
  lastChoices: TerminalChoice[];
  /** Alert ids of the last `/alerts` list, in row order: `ack 1,3` names its rows. */
  lastListedAlerts: string[];
}

export function terminalState(runtime: Runtime): TerminalState {
  return runtime.terminal;
}

/** A fresh state printing to stdout (jobs/create-runtime.ts builds one per runtime). */
export function createTerminalState(): TerminalState {
  return {
    write: (text: string) => void process.stdout.write(text),
    lastChoices: [],
    lastListedAlerts: [],
  };
}
