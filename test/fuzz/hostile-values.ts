import fc from 'fast-check';

/** How many inputs per surface: 500 in `npm test`, 10,000 under `npm run fuzz`. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 500);
/** Each property's time budget: generous, since one input is a whole request through the app and database. */
export const FUZZ_TIMEOUT_MS = Math.max(180_000, FUZZ_RUNS * 120);
/**
 * Set FUZZ_SEED to replay a failure fast-check reported. CI runs one fixed seed so that a landing is decided by the
 * code, not by the draw; a developer's run and `npm run fuzz` draw a new seed each time and keep finding things.
 */
const CI_FUZZ_SEED = 20261202;
export const fuzzParams = (): fc.Parameters<unknown> => {
  const seed = process.env.FUZZ_SEED ?? (process.env.CI === 'true' ? String(CI_FUZZ_SEED) : undefined);
  return { numRuns: FUZZ_RUNS, ...(seed ? { seed: Number(seed) } : {}) };
};

/** Strings that broke or nearly broke something before: NUL, lone surrogates, prototype keys, huge, odd numbers. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'Ana\u0000Lopez',
    '\uD800',
    'x\uDFFFy',
    'constructor',
    '__proto__',
    'prototype',
    'toString',
    'null',
    'NaN',
    '-1',
    '1e309',
    '',
    ' ',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; drop table leads; --",
    'not a url',
    'https://',
  ),
  fc.integer({ min: 256, max: 6_000 }).map((n) => 'k'.repeat(n)),
);

/** Any JSON value with hostile strings in keys and leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Nesting deep enough to overflow a naive recursive walk. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth));

/** A document mutated: one field replaced by a hostile value, or the text cut short. */
export function mutated(template: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(template);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), hostileJson).map(([k, v]) => JSON.stringify({ ...template, [k]: v })),
    fc.tuple(hostileString, hostileJson).map(([k, v]) => JSON.stringify({ ...template, [k]: v })),
    fc
      .constant(JSON.stringify(template))
      .chain((text) => fc.nat({ max: text.length - 1 }).map((cut) => text.slice(0, cut))),
  );
}

/** Any body a webhook might be sent: a mutated real payload, junk JSON, deep nesting or not JSON at all. */
export function hostileBody(templates: Array<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...templates).chain(mutated) },
    { weight: 2, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: hostileString },
  );
}
