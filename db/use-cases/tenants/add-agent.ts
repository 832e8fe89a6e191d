import type { Db } from '../../client.ts';
import { createAgent, type Agent, type NewAgent } from '../../queries/tenants.ts';

/** A new agent, manager or admin on a team; an email already on the team is a `conflict`. */
export async function addAgent(deps: { db: Db }, input: NewAgent): Promise<Agent> {
  return deps.db.transaction((tx) => createAgent(tx, input));
}
