/**
 * The room table of CONTRIBUTING.md, enforced: `npm run lint:imports` fails CI on a breach.
 * "jobs catalogue" = the files any folder may import to enqueue work (jobs/catalogue.ts, jobs/queue.ts
 * and the types they name); the rest of jobs/ (handlers, worker, runtime wiring) is for jobs/, bin/,
 * bench/ and test/ only.
 */
const CATALOGUE = '^jobs/(catalogue|registry|queue|runtime|job-types)\\.ts$';
const room = (name, from, allowed) => ({
  name,
  severity: 'error',
  comment: `${from} may import only ${allowed.join(', ')} (CONTRIBUTING.md, Rooms)`,
  from: { path: `^${from}/` },
  to: {
    path: '^(core|db|jobs|webhooks|integrations|bots|bin|bench|test)/',
    pathNot: [...allowed.map((a) => (a === 'jobs catalogue' ? CATALOGUE : `^${a}/`)), `^${from}/`],
  },
});

module.exports = {
  forbidden: [
    room('core-is-pure', 'core', []),
    room('db-room', 'db', ['core', 'jobs catalogue']),
    room('jobs-room', 'jobs', ['core', 'db', 'integrations', 'bots']),
    room('webhooks-room', 'webhooks', ['core', 'db', 'jobs catalogue', 'bots']),
    room('integrations-room', 'integrations', ['core']),
    room('bots-room', 'bots', ['core', 'db', 'integrations', 'jobs catalogue']),
    {
      name: 'sql-lives-in-db',
      severity: 'error',
      comment: 'Query builders and drivers are used in db/ only; add a named query to db/queries instead.',
      // jobs/queue.ts is the adapter that lets pg-boss insert a job inside a drizzle transaction.
      from: { path: '^(core|jobs|webhooks|integrations|bots|bin)/', pathNot: '^jobs/queue\\.ts$' },
      to: {
        path: '^(drizzle-orm|pg|@electric-sql/pglite)($|/)|node_modules/(drizzle-orm|pg|@electric-sql/pglite)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'tables-live-in-db',
      severity: 'error',
      comment: 'Only db/ builds queries over the schema tables; elsewhere call a named query from db/queries.',
      from: { path: '^(core|jobs|webhooks|integrations|bots|bin)/' },
      // Type imports count too: row types are exported by the queries that return them.
      to: { path: '^db/schema/' },
    },
    {
      name: 'no-circular-rooms',
      severity: 'error',
      comment: 'A file must not import itself back through other files.',
      from: { path: '^(core|db|jobs|webhooks|integrations|bots)/' },
      // A cycle counts only when every hop is a static value import: Runtime and Channel name each
      // other's types, and the job catalogue loads the handlers that enqueue through it lazily.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
  ],
  options: {
    // TypeScript 7 has no JS API yet, so TypeScript sources are parsed with swc (which also tells type-only imports).
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    exclude: { path: '^(data|db/migrations)/' },
  },
};
