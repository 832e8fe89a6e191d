import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { listings } from '../../db/schema/index.ts';
import { importListings } from '../../bin/commands/import-listings.ts';
import { austinHome, team } from './listings-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-import-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const CSV = [
  'ListingKey,StandardStatus,ListPrice,ModificationTimestamp,PropertyType,BedroomsTotal,BathroomsTotalInteger,LivingArea,City,PostalCode,PoolPrivateYN',
  'ATX-1,Active,"$540,000",2026-03-01T10:00:00Z,Residential,3,2,1850,Austin,78704,Y',
  'ATX-2,Active,abc,2026-03-01T10:00:00Z,Residential,3,2,1850,Austin,78704,N',
  '',
  'ATX-3,Active Under Contract,610000,2026-03-01T11:00:00Z,Residential,4,3,2400,Austin,78745,',
  'ATX-4,Sold,450000,2026-03-01,Residential,2.5,2,1200,Austin,78741,N',
].join('\n');

describe('porchlight import listings', () => {
  it('imports the good CSV rows and reports each bad one by line, field and problem', async () => {
    const { rt, tenant } = await team();
    const report = await importListings(rt, { path: file('listings.csv', CSV), tenantId: tenant.id });
    expect(report.problems).toEqual([
      'line 3: ListPrice: must be a number',
      'line 6: StandardStatus: "Sold" is not a RESO StandardStatus value (expected Active, ActiveUnderContract, Canceled, Closed, ComingSoon, Delete, ...)',
      'line 6: ModificationTimestamp: must be an ISO 8601 timestamp with a time zone',
      'line 6: BedroomsTotal: must be a whole number',
    ]);
    expect(report.rejectedRows).toBe(2);
    expect(report.summary).toBe(
      'Imported 2 of 4 listings: 2 changes (1 NewListing, 1 ActiveUnderContract), 0 unchanged, 2 rejected.',
    );
    const rows = await rt.db.select().from(listings).where(eq(listings.tenantId, tenant.id));
    expect(rows.map((r) => [r.listingKey, r.standardStatus, r.listPrice]).sort()).toEqual([
      ['ATX-1', 'Active', 540_000],
      ['ATX-3', 'ActiveUnderContract', 610_000],
    ]);
    expect(rows.find((r) => r.listingKey === 'ATX-1')!.data).toMatchObject({
      PoolPrivateYN: true,
      PostalCode: '78704',
    });
  });

  it('reads RESO JSON as an array or an OData {"value":[...]} response; a re-import changes nothing', async () => {
    const { rt, tenant } = await team();
    const odata = file(
      'feed.json',
      JSON.stringify({
        '@odata.context': '$metadata#Property',
        value: [austinHome(), austinHome({ ListingKey: 'ATX-2' })],
      }),
    );
    expect((await importListings(rt, { path: odata, tenantId: tenant.id })).summary).toBe(
      'Imported 2 of 2 listings: 2 changes (2 NewListing), 0 unchanged, 0 rejected.',
    );
    const array = file(
      'array.json',
      JSON.stringify([austinHome(), austinHome({ ListingKey: 'ATX-3', ListPrice: -1 })]),
    );
    const again = await importListings(rt, { path: array, tenantId: tenant.id });
    expect(again.summary).toBe('Imported 0 of 2 listings: 0 changes, 1 unchanged, 1 rejected.');
    expect(again.problems).toEqual(['item 2: ListPrice: must be 0 or more']);
  });

  it('refuses files it cannot read with one clear error', async () => {
    const { rt, tenant } = await team();
    await expect(importListings(rt, { path: file('x.txt', 'hello'), tenantId: tenant.id })).rejects.toThrow(
      'import reads .csv or .json files',
    );
    await expect(importListings(rt, { path: file('x.json', '{"listings": 1}'), tenantId: tenant.id })).rejects.toThrow(
      /must hold an array of listings/,
    );
    await expect(importListings(rt, { path: join(dir, 'missing.csv'), tenantId: tenant.id })).rejects.toThrow(
      /no file/,
    );
    await expect(importListings(rt, { path: file('y.csv', CSV), tenantId: 'nope' })).rejects.toThrow('no tenant nope');
  });
});

describe('porchlight import listings (the real CLI process)', () => {
  it('prints the row report on stderr, the summary on stdout, and exits 1 when a row was rejected', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = join(import.meta.dirname, '../..');
    // Its own embedded database: the CLI is run exactly as a user would run it.
    const env = {
      PATH: process.env.PATH,
      PGLITE_DIR: mkdtempSync(join(tmpdir(), 'porchlight-cli-')),
      LOG_LEVEL: 'silent',
    };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/porchlight.js'), ...args], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
    const added = cli('tenant', 'add', '--name', 'Hill Country Homes', '--json');
    expect(added.status, added.stderr).toBe(0);
    const { id } = JSON.parse(added.stdout) as { id: string };

    const result = cli('import', 'listings', file('cli.csv', CSV), '--tenant', id);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      'Imported 2 of 4 listings: 2 changes (1 NewListing, 1 ActiveUnderContract), 0 unchanged, 2 rejected.\n',
    );
    expect(result.stderr).toContain('line 3: ListPrice: must be a number\n');
    expect(result.stderr.trim().split('\n').pop()).toBe(
      'porchlight: 2 row(s) rejected; fix the lines above and import again (good rows were stored)',
    );

    const clean = cli(
      'import',
      'listings',
      file('clean.json', JSON.stringify([austinHome({ ListingKey: 'ATX-9' })])),
      '--tenant',
      id,
    );
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('Imported 1 of 1 listings: 1 changes (1 NewListing), 0 unchanged, 0 rejected.\n');
  }, 300_000);
});
