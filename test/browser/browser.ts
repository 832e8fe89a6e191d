import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** Without chromium the browser suites are skipped, saying why once. */
export const NO_CHROMIUM = !existsSync(CHROMIUM);
if (NO_CHROMIUM && !process.env.DATABASE_URL)
  console.warn(`test/browser skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

/** An iPhone 13/14-sized screen: the page a lead opens from a text. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/**
 * Headless chromium with nothing that phones home. Playwright gives every launch a fresh temporary profile
 * (user-data dir), so no cookie, cache or setting survives from one run to the next.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The real app behind a real socket on a loopback port, as `porchlight serve` runs it. */
export async function serveOnLoopback(fetch: (request: Request) => Response | Promise<Response>) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A 1×1 PNG, served for listing photos so the page never reaches the internet. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Answers requests for these photo hosts with a small image; everything else off-loopback is refused. */
export async function stubPhotos(context: BrowserContext, hosts: string[]): Promise<string[]> {
  const fetched: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      const url = new URL(route.request().url());
      if (!hosts.includes(url.hostname)) return route.abort();
      fetched.push(url.href);
      return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    },
  );
  return fetched;
}
