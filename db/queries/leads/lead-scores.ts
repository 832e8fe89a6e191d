import { inArray } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** The current score of each lead (null while unscored), for the alert policy's lead-score rules. */
export async function leadScores(db: Executor, leadIds: string[]): Promise<Map<string, number | null>> {
  const ids = [...new Set(leadIds)];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: leads.id, score: leads.score }).from(leads).where(inArray(leads.id, ids));
  return new Map(found.map((l) => [l.id, l.score]));
}
