#!/usr/bin/env node
// Code-shape figures quoted in issue notes (before → after a refactor): where SQL is built, how long
// functions and lines are, how many type-escape casts remain, and file sizes per folder.
// Usage: node .ci/code-metrics.mjs [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const PRODUCT = ['core', 'db', 'jobs', 'webhooks', 'integrations', 'bots', 'bin'];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'migrations') continue;
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Blanks out comments and string/template contents so braces and keywords inside them are not counted. */
function stripNoise(src) {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && n === '*') {
      i += 2;
      while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) out += src[i++] === '\n' ? '\n' : ' ';
      i++;
    } else if (c === "'" || c === '"' || c === '`') {
      out += c;
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') i++;
        out += src[i] === '\n' ? '\n' : ' ';
        i++;
      }
      out += c;
    } else out += c;
  }
  return out;
}

/** Functions (declarations, methods, arrows with a block body) longer than `limit` lines. */
function longFunctions(src, limit) {
  const clean = stripNoise(src);
  const lines = clean.split('\n');
  const starts = [];
  const re = /(\bfunction\b[^{;]*\{|=>\s*\{|^\s*(async\s+)?[a-zA-Z_$][\w$]*\s*\([^;{]*\)\s*(:\s*[^{;]+)?\{)/;
  lines.forEach((line, index) => {
    if (re.test(line) && !/^\s*(if|for|while|switch|catch)\b/.test(line)) starts.push(index);
  });
  let count = 0;
  for (const start of starts) {
    let depth = 0;
    let opened = false;
    let end = start;
    outer: for (let l = start; l < lines.length; l++) {
      const from = l === start ? lines[l].search(/\{(?=[^{]*$)|=>\s*\{|\{/) : 0;
      for (let k = Math.max(0, from); k < lines[l].length; k++) {
        if (lines[l][k] === '{') {
          depth++;
          opened = true;
        } else if (lines[l][k] === '}') {
          depth--;
          if (opened && depth === 0) {
            end = l;
            break outer;
          }
        }
      }
    }
    if (end - start + 1 > limit) count++;
  }
  return count;
}

const files = PRODUCT.flatMap((d) => walk(join(ROOT, d)));
const SQL_CALL =
  /\b(db|tx|trx|executor|database|runtime\.db|rt\.db|ctx\.db|deps\.db)\s*\.\s*(select|selectDistinct|insert|update|delete|execute|query)\b/g;
const result = { queryBuilderCalls: 0, queryBuilderCallsOutsideDb: 0, drizzleImportsOutsideDb: 0 };
let longLines = 0;
let casts = 0;
let functionsOver60 = 0;
const perFolder = {};
for (const file of files) {
  const rel = relative(ROOT, file);
  const src = readFileSync(file, 'utf8');
  const clean = stripNoise(src);
  const calls = (clean.match(SQL_CALL) ?? []).length;
  const top = rel.split('/')[0];
  result.queryBuilderCalls += calls;
  if (top !== 'db') {
    result.queryBuilderCallsOutsideDb += calls;
    if (/from\s+'drizzle-orm/.test(src)) result.drizzleImportsOutsideDb++;
  }
  const lines = src.split('\n');
  longLines += lines.filter((l) => l.length > 120).length;
  casts += (clean.match(/\bas never\b|\bas unknown as\b/g) ?? []).length;
  functionsOver60 += longFunctions(src, 60);
  const folder = rel.split('/').slice(0, -1).join('/');
  (perFolder[folder] ??= []).push(lines.length);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const allSizes = Object.values(perFolder).flat();
const figures = {
  ...result,
  functionsOver60Lines: functionsOver60,
  linesOver120: longLines,
  linesOver160: files.reduce(
    (n, f) =>
      n +
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.length > 160).length,
    0,
  ),
  typeEscapeCasts: casts,
  files: files.length,
  medianFileLines: median(allSizes),
  p90FileLines: [...allSizes].sort((a, b) => a - b)[Math.floor(allSizes.length * 0.9)],
  folders: Object.fromEntries(
    Object.entries(perFolder)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([folder, sizes]) => [folder, { files: sizes.length, medianLines: median(sizes) }]),
  ),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
else {
  const { folders, ...totals } = figures;
  for (const [k, v] of Object.entries(totals)) console.log(`${k.padEnd(28)} ${v}`);
  for (const [k, v] of Object.entries(folders))
    console.log(`  ${k.padEnd(26)} ${v.files} files, median ${v.medianLines}`);
}
