// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in turn.
// Each prints one JSON line per figure; this runner adds a line per failed benchmark and exits 1.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  try {
    await mod.run();
  } catch (error) {
    failed++;
    console.log(JSON.stringify({ bench: file, error: (error as Error).message }));
  }
}
process.exit(failed ? 1 : 0);
