/** What a command reports goes to stdout; with `--json` that is this one document and nothing else. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
