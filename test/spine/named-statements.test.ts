import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MAX_NAMED_STATEMENTS } from '../../db/named-statements.ts';
import { createTenant, getTenant } from '../../db/queries/tenants.ts';
import { tenants } from '../../db/schema/index.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { backend, createTestDatabase } from '../helpers/database.ts';

// Named statements are a PostgreSQL connection's; PGlite runs in this process and has no round trip to save.
describe.runIf(backend === 'postgres')('statements prepared once per connection (PostgreSQL)', () => {
  it('parses a repeated query once on its connection and still answers each call with its own values', async () => {
    const { db } = await createTestDatabase({ poolSize: 1 });
    const { tenant: ana } = await createTenant(db, { name: 'Ana Team' });
    const { tenant: ben } = await createTenant(db, { name: 'Ben Team' });
    for (let i = 0; i < 3; i++) {
      expect((await getTenant(db, ana.id))?.name).toBe('Ana Team');
      expect((await getTenant(db, ben.id))?.name).toBe('Ben Team');
    }
    const prepared = rowsOf<{ statement: string }>(
      await db.execute(sql`select statement from pg_prepared_statements where name like 'pl_%'`),
    );
    const tenantReads = prepared.filter((p) => p.statement.startsWith('select') && p.statement.includes('"tenants"'));
    expect(tenantReads).toHaveLength(1);
  });

  it('leaves statements without parameters alone, so a script of several statements still runs', async () => {
    const { db } = await createTestDatabase({ poolSize: 1 });
    await db.execute(sql.raw('create temporary table probe (n int); insert into probe values (1), (2)'));
    expect(rowsOf<{ n: number }>(await db.execute(sql.raw('select count(*)::int as n from probe')))).toEqual([
      { n: 2 },
    ]);
  });

  it(`keeps at most ${MAX_NAMED_STATEMENTS} statements per connection and runs the rest unnamed`, async () => {
    const { db } = await createTestDatabase({ poolSize: 1 });
    const { tenant } = await createTenant(db, { name: 'Many Shapes' });
    // Each IN-list length is a statement text of its own, as drizzle writes it.
    for (let n = 1; n <= MAX_NAMED_STATEMENTS + 20; n++) {
      const ids = [tenant.id, ...Array.from({ length: n - 1 }, (_, i) => `missing-${i}`)];
      const rows = await db.select({ id: tenants.id }).from(tenants).where(sql`${tenants.id} in ${ids}`);
      expect(rows).toEqual([{ id: tenant.id }]);
    }
    const [{ count }] = rowsOf<{ count: number }>(
      await db.execute(sql`select count(*)::int as count from pg_prepared_statements where name like 'pl_%'`),
    );
    expect(count).toBe(MAX_NAMED_STATEMENTS);
    expect((await db.select().from(tenants).where(eq(tenants.id, tenant.id)))[0].name).toBe('Many Shapes');
  });
});
