import { Command } from 'commander';
import { vi } from 'vitest';
import { registerAutomationsCommands } from '../../bin/commands/automations.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/** `porchlight automations …` parsed by commander as the CLI does, on the test's runtime; what stdout got. */
export async function automationsCli(rt: Runtime, ...args: string[]): Promise<string> {
  const program = new Command('porchlight').exitOverride();
  registerAutomationsCommands(program, (fn) => fn(rt));
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    await program.parseAsync(['node', 'porchlight', 'automations', ...args]);
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return out;
}
