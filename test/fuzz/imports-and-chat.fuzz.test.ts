import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors/app-error.ts';
import { parseListingFile, stampMissingModificationTimestamps } from '../../bin/commands/import-listings.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { runCommand } from '../../bots/commands/run-command.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import { renderSlack } from '../../bots/render/render-slack.ts';
import { renderTerminal } from '../../bots/render/render-terminal.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { seedChatTeam } from '../bots/chat-team.ts';
import { FUZZ_TIMEOUT_MS, fuzzParams, hostileJson, hostileString } from './hostile-values.ts';

/** A refusal the user can read (AppError), or success: anything else is a crash. */
async function handled<T>(what: string, work: () => Promise<T> | T): Promise<void> {
  try {
    await work();
  } catch (error) {
    expect(isAppError(error), `${what}: ${(error as Error)?.stack ?? String(error)}`).toBe(true);
  }
}

const RESO_FIELDS = ['ListingKey', 'StandardStatus', 'ListPrice', 'City', 'PostalCode', 'BedroomsTotal'];
const goodRow = {
  ListingKey: 'FUZZ-1',
  StandardStatus: 'Active',
  ListPrice: 450000,
  City: 'Austin',
  PostalCode: '78704',
  BedroomsTotal: 3,
  ModificationTimestamp: '2026-11-30T12:00:00Z',
};
const hostileRow = fc.oneof(
  fc.tuple(fc.constantFrom(...RESO_FIELDS), hostileJson).map(([k, v]) => ({ ...goodRow, [k]: v })),
  hostileJson,
);
const csvCell = fc.oneof(hostileString, fc.constantFrom('"', '""', '\n', ',', '\r\n', '\uFEFF'));
const hostileCsv = fc
  .tuple(fc.subarray(RESO_FIELDS, { minLength: 1 }), fc.array(fc.array(csvCell, { maxLength: 7 }), { maxLength: 5 }))
  .map(([header, rows]) => [header.join(','), ...rows.map((r) => r.join(','))].join('\n'));

describe('fuzzing imports and chat command text', () => {
  it(
    'CSV and JSON listing files: parsed rows are imported or rejected by line, never a crash',
    async () => {
      const rt = await createTestRuntime();
      const team = await seedChatTeam(rt);
      const files = fc.oneof(
        hostileCsv.map((text) => ({ path: 'feed.csv', text })),
        fc.array(hostileRow, { maxLength: 5 }).map((rows) => ({ path: 'feed.json', text: JSON.stringify(rows) })),
        hostileString.map((text) => ({ path: 'feed.json', text })),
      );
      await fc.assert(
        fc.asyncProperty(files, async ({ path, text }) => {
          await handled(`${path} ${text.slice(0, 200)}`, async () => {
            const file = parseListingFile(path, text);
            const stamped = stampMissingModificationTimestamps(file.rows, rt.clock.now());
            await upsertListings(rt, { tenantId: team.tenant.id, listings: stamped.rows, source: 'import' });
          });
        }),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'chat command text: every line gets an answer or a readable refusal, on every renderer',
    async () => {
      const rt = await createTestRuntime();
      const team = await seedChatTeam(rt);
      const verbs = ['/top-deals', '/lead', '/alert', '/pipeline', '/leaderboard', '/property', '/away', '/back'];
      const lines = fc.oneof(
        hostileString,
        fc
          .tuple(fc.constantFrom(...verbs, '/hours', '/porchlight settings set', '/link'), hostileString)
          .map(([verb, rest]) => `${verb} ${rest}`),
      );
      await fc.assert(
        fc.asyncProperty(lines, async (line) => {
          await handled(line.slice(0, 200), async () => {
            const parsed = parseCommand(line);
            const message = parsed.ok
              ? await runCommand(
                  { runtime: rt, tenant: team.tenant, actor: team.maria, platform: 'slack' },
                  parsed.command,
                )
              : parsed.reply;
            renderSlack(message);
            renderDiscord(message);
            renderTerminal(message);
          });
        }),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
