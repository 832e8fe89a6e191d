import { describe, expect, it, onTestFinished } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { runDemo } from '../../bots/demo/run-demo.ts';
import { terminalState } from '../../bots/terminal/terminal-output.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { alerts, deliveries, savedSearches } from '../../db/schema/index.ts';

describe('demo and the terminal channel', () => {
  it('seeds a team, replays a day that raises alerts printed in the terminal, and `claim <id>` claims one', async () => {
    const rt = await createTestRuntime();
    const printed: string[] = [];
    terminalState(rt).write = (text) => void printed.push(text);
    const said: string[] = [];
    const result = await runDemo(rt, { say: (l) => said.push(l) });
    expect(result).toMatchObject({ seeded: true, leads: 4 });
    expect(said.join('\n')).toContain('Seeded "Porchlight Demo Realty": 4 agents');
    expect(said.join('\n')).toContain('GHL InboundMessage: accepted');
    expect(await rt.db.select().from(savedSearches).where(eq(savedSearches.tenantId, result.tenantId))).toHaveLength(4);

    const workers = await startWorkers(rt, { schedules: false });
    onTestFinished(() => workers.stop(5_000));
    // A newcomer must see both kinds the product is about: a hot lead and a listing match.
    const kinds = await waitFor(async () => {
      const rows = await rt.db.select({ kind: alerts.kind }).from(alerts).where(eq(alerts.tenantId, result.tenantId));
      const seen = new Set(rows.map((r) => r.kind));
      return seen.has('hot_lead') && (seen.has('listing_match') || seen.has('price_drop')) ? seen : undefined;
    }, 60_000);
    expect(kinds.has('hot_lead')).toBe(true);
    // Her text is read for facts before she is re-scored: the card's score is hot and says she is pre-approved.
    const anaCard = await waitFor(() => printed.find((p) => p.includes('Hot lead: Ana Lopez')), 30_000);
    expect(anaCard).toMatch(/score \d+ \(hot\)/);
    expect(anaCard).toContain('pre-approved');
    expect(anaCard).toContain('asked to see Barton Springs on Saturday');
    expect(anaCard).not.toContain('no pre-approval');
    expect(said.join('\n')).toContain('Ana Lopez texts back within minutes: pre-approved');
    // An alert still open offers `claim`; one routing already assigned offers `ack` instead.
    const card = await waitFor(
      () =>
        printed.find(
          (p) => /Alert #\S+/.test(p) && p.includes('Reply with a number or a command') && /\bclaim \S+/.test(p),
        ),
      60_000,
    );
    const alertId = /Alert #(\S+)/.exec(card)![1];
    expect(card).toContain(`claim ${alertId}`);
    // The card is printed during the send; the delivery is settled as sent right after.
    const delivery = await waitFor(async () => {
      const [row] = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alertId));
      return row?.status === 'sent' ? row : undefined;
    }, 20_000);
    expect(delivery).toMatchObject({ channel: 'terminal', recipient: 'console', status: 'sent' });

    const reply = await handleTerminalLine(rt, `claim ${alertId}`);
    expect(reply).toContain(`You claimed alert #${alertId}`);
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alertId));
    expect(row.status).toBe('claimed');
    // The printed card cannot be edited, so the refresh prints the new state under it.
    await waitFor(() => printed.find((p) => p.includes(`↳ Alert #${alertId}`) && p.includes('Claimed by')), 20_000);

    const again = await handleTerminalLine(rt, `claim ${alertId}`);
    expect(again).toContain('already claimed by @maria');
    const unknown = await handleTerminalLine(rt, 'frobnicate');
    expect(unknown).toContain('Unknown command frobnicate. Try one of');
    const deals = await handleTerminalLine(rt, '/top-deals 3');
    expect(deals).toContain('== 🏷️ Top 3 deals ==');
    // The whole pipeline runs here (ingest, scoring, matching, routing, delivery): allow a loaded CI box time.
  }, 120_000);
});
