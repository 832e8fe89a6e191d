import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('self-contained repository', () => {
  it('has no test or bench file that reads outside the repository', () => {
    // Built from parts so this file does not match itself.
    const outside = [['..', 'shared'].join('/'), ['', 'work', 'shared'].join('/')];
    const offenders = ['test', 'bench']
      .flatMap((dir) => files(join(root, dir)))
      .filter((path) => /\.(ts|js|mjs|cjs|json)$/.test(path))
      .filter((path) => outside.some((needle) => readFileSync(path, 'utf8').includes(needle)))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });

  it('says where every fixture folder came from', () => {
    const sources = readFileSync(join(root, 'test/fixtures/SOURCES.md'), 'utf8');
    for (const folder of readdirSync(join(root, 'test/fixtures'))) {
      if (statSync(join(root, 'test/fixtures', folder)).isDirectory())
        expect(sources, folder).toContain(`\`${folder}/\``);
    }
  });
});
