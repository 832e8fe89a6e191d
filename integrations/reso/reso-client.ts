import { AppError } from '../../core/errors/app-error.ts';

export interface ResoClientOptions {
  /** The Web API root, e.g. `https://api.mls.example/reso/odata` (RESO_API_URL). */
  baseUrl: string;
  /** Bearer token (RESO_TOKEN). */
  token?: string;
  fetch?: typeof fetch;
  /** Injected so tests do not wait through backoff. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries after the first attempt for 429, 5xx and network errors (GETs are safe to repeat). */
  maxRetries?: number;
  baseDelayMs?: number;
}

export interface ResoPageQuery {
  /** Only records modified after this instant (ISO 8601); omitted on a first full sync. */
  since?: string | null;
  /** Page size asked of the server; servers may return fewer and page with @odata.nextLink. */
  top?: number;
  /** RESO field names to fetch; all fields when omitted. */
  select?: readonly string[];
  resource?: string;
}

export interface ResoPage {
  records: unknown[];
  /** Absolute URL of the next page, or null on the last one. */
  nextLink: string | null;
}

const TRANSIENT = new Set([429, 500, 502, 503, 504]);

/**
 * The first page URL. OData system options keep their `$` unescaped and values are encoded with
 * %20 rather than `+`, which some MLS servers read literally. DateTimeOffset literals in `$filter`
 * are bare ISO strings (no quotes), per OData v4 ABNF.
 * @example firstPageUrl('https://mls/odata', { since: '2026-03-01T00:00:00.000Z', top: 200 })
 * // → https://mls/odata/Property?$filter=ModificationTimestamp%20gt%202026-03-01T00%3A00%3A00.000Z&$orderby=ModificationTimestamp%20asc&$top=200
 */
export function firstPageUrl(baseUrl: string, query: ResoPageQuery): string {
  const parts: string[] = [];
  if (query.since) parts.push(`$filter=${encodeURIComponent(`ModificationTimestamp gt ${query.since}`)}`);
  // Oldest first, so the watermark can advance page by page and an interrupted run resumes.
  parts.push(`$orderby=${encodeURIComponent('ModificationTimestamp asc')}`);
  parts.push(`$top=${query.top ?? 200}`);
  if (query.select?.length) parts.push(`$select=${encodeURIComponent(query.select.join(','))}`);
  return `${baseUrl.replace(/\/+$/, '')}/${query.resource ?? 'Property'}?${parts.join('&')}`;
}

/**
 * A RESO Web API (OData v4) reader: one page per call, following `@odata.nextLink` as given
 * (servers put their own skip tokens in it). Transient failures are retried with backoff.
 * @example const reso = createResoClient({ baseUrl: env.RESO_API_URL, token: env.RESO_TOKEN });
 * for await (const page of reso.pages({ since: watermark })) store(page.records)
 */
export function createResoClient(options: ResoClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;

  async function getPage(url: string): Promise<ResoPage> {
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      let waitMs = baseDelayMs * 2 ** attempt;
      try {
        const res = await doFetch(url, {
          headers: {
            Accept: 'application/json',
            ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          },
        });
        if (res.ok) return parsePage(await res.json());
        if (!TRANSIENT.has(res.status)) {
          throw new AppError(
            res.status === 401 || res.status === 403 ? 'unauthorized' : 'bad_request',
            `RESO feed answered ${res.status} for ${redact(url)}`,
            { status: res.status },
          );
        }
        failure = `RESO feed answered ${res.status}`;
        const retryAfter = Number(res.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.min(60_000, retryAfter * 1000);
      } catch (error) {
        if (error instanceof AppError) throw error;
        failure = `RESO feed unreachable: ${(error as Error).message}`;
      }
      if (attempt >= maxRetries)
        throw new AppError('unavailable', `${failure} (${attempt + 1} attempts)`, { retryable: true });
      await sleep(waitMs);
    }
  }

  async function* pages(query: ResoPageQuery): AsyncGenerator<ResoPage> {
    let url: string | null = firstPageUrl(options.baseUrl, query);
    while (url) {
      const page = await getPage(url);
      yield page;
      // nextLink is absolute in practice; OData allows it relative to the request URL.
      url = page.nextLink ? new URL(page.nextLink, url).href : null;
    }
  }

  return {
    getPage,
    pages,
    /** The OpenHouse resource, paged like Property: oldest change first, from the watermark. */
    openHousePages: (query: Omit<ResoPageQuery, 'resource'>) => pages({ ...query, resource: 'OpenHouse' }),
  };
}

/**
 * Did the server say it has no such resource? Not every feed publishes OpenHouse: servers answer 404, or 400
 * for an entity set missing from their metadata.
 */
export function isMissingResource(error: unknown): boolean {
  const status = error instanceof AppError ? error.details?.status : undefined;
  return status === 404 || status === 400;
}

export type ResoClient = ReturnType<typeof createResoClient>;

function parsePage(body: unknown): ResoPage {
  const b = body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
  if (!b || !Array.isArray(b.value))
    throw new AppError('bad_request', 'RESO feed answered without an OData "value" array');
  const next = typeof b['@odata.nextLink'] === 'string' && b['@odata.nextLink'] ? b['@odata.nextLink'] : null;
  return { records: b.value, nextLink: next };
}

/** Query strings of MLS URLs can carry access keys; errors keep only the path. */
const redact = (url: string): string => url.split('?')[0];
