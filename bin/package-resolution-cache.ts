import { existsSync, lstatSync, readFileSync } from 'node:fs';
import module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Makes Node's ES module resolution cheap for packages with a large `exports` map.
 *
 * Why: for every `.js` file it loads, Node (22 to 24 at least) asks which `type` the file's package has, and
 * while answering it re-parses that package's whole `exports` field (package_json_reader spreads an object
 * whose `exports` getter runs JSON.parse); a bare import (`from 'drizzle-orm'`) parses it again. drizzle-orm's
 * package.json is 180 KB, read for each of its ~110 files and each of our ~100 files that import it. Measured on a
 * busy 2-core machine, `tenant list` on PostgreSQL took 2.4–3.2 s of CPU and 256 MB at peak without this, 1 s
 * and 115 MB with it.
 *
 * Here a relative import between two files of a package whose package.json states its `type` is answered from
 * one parse per package, and a bare import is resolved once per lookup root (the folders that resolve it the
 * same way). Anything else, and anything unusual (a missing file, a symlink, a package that does not state its
 * type), goes to Node unchanged. `module.registerHooks` exists from Node 22.15 / 23.5; without it this does nothing.
 */
export function cachePackageResolution(): void {
  if (typeof module.registerHooks !== 'function') return;
  const bare = new Map<string, module.ResolveFnOutput & { shortCircuit: true }>();
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (!parent?.startsWith('file:')) return nextResolve(specifier, context);
      if (isRelativeScript(specifier) && parent.includes('/node_modules/')) {
        const url = new URL(specifier, parent);
        const format = formatOf(fileURLToPath(url));
        if (format) return { url: url.href, format, shortCircuit: true };
      } else if (isBare(specifier)) {
        const folder = dirname(fileURLToPath(parent));
        const key = [specifier, lookupRootOf(folder), context.conditions, context.importAttributes?.type].join('\0');
        let resolved = bare.get(key);
        if (!resolved) {
          resolved = { ...nextResolve(specifier, context), shortCircuit: true };
          bare.set(key, resolved);
        }
        return resolved;
      }
      return nextResolve(specifier, context);
    },
  });
}

/**
 * Where a bare name's lookup from `folder` really starts: the nearest folder that has a node_modules or a
 * package.json (Node searches node_modules folders upward, and a package.json can answer for its own name).
 * Every folder below it resolves a bare name the same way, so they share one cached answer.
 */
function lookupRootOf(folder: string): string {
  let root = lookupRoots.get(folder);
  if (root === undefined) {
    const parent = dirname(folder);
    const stops =
      parent === folder || existsSync(join(folder, 'node_modules')) || existsSync(join(folder, 'package.json'));
    root = stops ? folder : lookupRootOf(parent);
    lookupRoots.set(folder, root);
  }
  return root;
}
const lookupRoots = new Map<string, string>();

const isRelativeScript = (specifier: string) =>
  (specifier.startsWith('./') || specifier.startsWith('../')) && /\.m?js$/.test(specifier);

/** `zod`, `@hono/zod-openapi/x`: not relative, not a URL, not a builtin, not a `#subpath` import. */
const isBare = (specifier: string) => /^[@a-z0-9]/i.test(specifier) && !/^[a-z][a-z0-9+.-]*:/i.test(specifier);

type PackageType = 'module' | 'commonjs' | 'unsaid';
const typeByFolder = new Map<string, PackageType>();

/**
 * 'module' or 'commonjs' as Node would decide for this file, or null to let Node decide: a missing file or
 * a symlink (Node reports or follows them) and a package that does not say its type (Node inspects the source).
 */
function formatOf(path: string): 'module' | 'commonjs' | null {
  if (!lstatSync(path, { throwIfNoEntry: false })?.isFile()) return null;
  if (path.endsWith('.mjs')) return 'module';
  const type = packageTypeOf(dirname(path));
  return type === 'unsaid' ? null : type;
}

/** The `type` of the nearest package.json above `folder`, as Node looks it up (never past a node_modules folder). */
function packageTypeOf(folder: string): PackageType {
  const known = typeByFolder.get(folder);
  if (known !== undefined) return known;
  if (basename(folder) === 'node_modules') return 'unsaid';
  let type: PackageType;
  let text: string | undefined;
  try {
    text = readFileSync(join(folder, 'package.json'), 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let said: unknown;
    try {
      said = (JSON.parse(text) as { type?: unknown }).type;
    } catch {
      // Node reports the broken file itself.
    }
    type = said === 'module' || said === 'commonjs' ? said : 'unsaid';
  } else {
    const parent = dirname(folder);
    type = parent === folder ? 'unsaid' : packageTypeOf(parent);
  }
  typeByFolder.set(folder, type);
  return type;
}
