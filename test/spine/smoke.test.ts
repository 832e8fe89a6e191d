import { expect, it } from 'vitest';
import { tenants } from '../../db/schema/index.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

it('a test runtime has a migrated database and a started queue', async () => {
  const rt = await createTestRuntime();
  await rt.db.insert(tenants).values({ name: 'Acme Realty', apiKeyHash: 'x' });
  expect(await rt.db.select().from(tenants)).toHaveLength(1);
  expect(await rt.queue.boss.getQueue('lead.score')).toBeTruthy();
});
