import { z } from 'zod';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../core/errors/app-error.ts';
import { tenantLocations } from '../../db/schema/index.ts';
import { createDbTokenStore, hasOAuthTokens } from '../../db/queries/ghl-tokens.ts';
import { createGhlClient, type GhlClient } from '../../integrations/ghl/ghl-client.ts';
import { privateTokenAuth, type GhlAuth } from '../../integrations/ghl/ghl-auth.ts';
import { oauthAuth } from '../../integrations/ghl/ghl-oauth.ts';
import { createGhlTransport, type GhlTransport } from '../../integrations/ghl/ghl-transport.ts';
import { createTokenBucket } from '../../integrations/ghl/token-bucket.ts';
import { GhlApiContact, GhlApiNote, GhlApiTask } from '../../core/ghl/ghl-api-schemas.ts';
import { service, type Runtime } from '../runtime.ts';

/** Calls the shared client does not have yet, sent through the same auth, rate limit and retry rules. */
export interface GhlExtraCalls {
  /** GET /contacts/:id/notes: lets a retried write-back find the note its first attempt may have posted. */
  listNotes(locationId: string, contactId: string): Promise<GhlApiNote[]>;
  listTasks(locationId: string, contactId: string): Promise<GhlApiTask[]>;
  /** PUT /contacts/:id {assignedTo}: the contact owner GHL users see in their lists. */
  assignContact(locationId: string, contactId: string, ghlUserId: string): Promise<GhlApiContact>;
  /** PUT /contacts/:id {dndSettings}: per-channel DND, so GHL's own sends respect our opt-outs. */
  setDnd(
    locationId: string,
    contactId: string,
    channel: 'SMS' | 'Email',
    active: boolean,
    message?: string,
  ): Promise<GhlApiContact>;
}

export interface TenantGhl {
  locationId: string;
  auth: 'oauth' | 'private';
  api: GhlClient;
  extra: GhlExtraCalls;
}

/**
 * The GHL client for a tenant's location. OAuth (GHL_CLIENT_ID/SECRET + tokens in the database)
 * when tokens are stored for the location, else the private integration token GHL_TOKEN, which
 * belongs to one sub-account (GHL_LOCATION_ID when set).
 *
 * Returns null when the tenant has no GHL at all (no location of its own and no env location it may
 * use): a team may run Porchlight without a CRM, so callers skip with a warning. A location that
 * exists but cannot be authenticated throws `invalid_config`, so its job dead-letters with the
 * reason and can be replayed once the operator fixes the configuration.
 *
 * Clients are memoised per runtime: one token bucket per process (GHL's limit is per location and
 * shared by all our calls) and one OAuth single-flight per process.
 * @example const ghl = await ghlClientFor(runtime, tenantId); if (ghl) await ghl.api.addTags(ghl.locationId, contactId, ['hot'])
 */
export async function ghlClientFor(runtime: Runtime, tenantId: string, locationId?: string): Promise<TenantGhl | null> {
  const location = await resolveLocation(runtime, tenantId, locationId);
  if (!location) return null;
  const { env } = runtime;
  if (await hasOAuthTokens(runtime.db, location)) {
    if (!env.GHL_CLIENT_ID || !env.GHL_CLIENT_SECRET) {
      throw new AppError(
        'invalid_config',
        `GHL location ${location} has OAuth tokens but GHL_CLIENT_ID and GHL_CLIENT_SECRET are not set`,
      );
    }
    if (!env.APP_SECRET)
      throw new AppError(
        'invalid_config',
        `APP_SECRET is required to read the stored GHL tokens of location ${location}`,
      );
    const { clientId, clientSecret, secret } = {
      clientId: env.GHL_CLIENT_ID,
      clientSecret: env.GHL_CLIENT_SECRET,
      secret: env.APP_SECRET,
    };
    const built = service(runtime, 'ghl.oauth', () =>
      build(
        runtime,
        oauthAuth({
          store: createDbTokenStore(runtime.db, { secret }),
          clientId,
          clientSecret,
          baseUrl: env.GHL_API_URL,
          clock: runtime.clock,
          fetch: runtime.fetch,
        }),
      ),
    );
    return { locationId: location, auth: 'oauth', ...built };
  }
  if (env.GHL_TOKEN && (!env.GHL_LOCATION_ID || env.GHL_LOCATION_ID === location)) {
    const token = env.GHL_TOKEN;
    return {
      locationId: location,
      auth: 'private',
      ...service(runtime, 'ghl.private', () => build(runtime, privateTokenAuth(token))),
    };
  }
  throw new AppError(
    'invalid_config',
    env.GHL_TOKEN
      ? `GHL_TOKEN belongs to location ${env.GHL_LOCATION_ID}, not ${location}, and no OAuth tokens are stored for ${location}; install the app on it`
      : `no GHL credentials for location ${location}: set GHL_TOKEN (+ GHL_LOCATION_ID) or install the OAuth app (GHL_CLIENT_ID + GHL_CLIENT_SECRET)`,
  );
}

/** The location to write to: the one asked for, else the tenant's first active one, else the env location if nobody else owns it. */
async function resolveLocation(runtime: Runtime, tenantId: string, requested?: string): Promise<string | null> {
  const rows = await runtime.db
    .select({ locationId: tenantLocations.locationId, tenantId: tenantLocations.tenantId })
    .from(tenantLocations)
    .where(isNull(tenantLocations.uninstalledAt))
    .orderBy(asc(tenantLocations.createdAt));
  const owner = (loc: string) => rows.find((r) => r.locationId === loc)?.tenantId;
  const envLocation = runtime.env.GHL_LOCATION_ID;
  const mayUse = (loc: string) => owner(loc) === tenantId || (loc === envLocation && owner(loc) === undefined);
  if (requested) {
    if (!mayUse(requested))
      throw new AppError('forbidden', `GHL location ${requested} does not belong to tenant ${tenantId}`);
    return requested;
  }
  const own = rows.find((r) => r.tenantId === tenantId)?.locationId;
  if (own) return own;
  return envLocation && mayUse(envLocation) ? envLocation : null;
}

/** Every active location of a tenant (reconcile walks them all). */
export async function tenantGhlLocations(runtime: Runtime, tenantId: string): Promise<string[]> {
  const rows = await runtime.db
    .select({ locationId: tenantLocations.locationId })
    .from(tenantLocations)
    .where(and(eq(tenantLocations.tenantId, tenantId), isNull(tenantLocations.uninstalledAt)))
    .orderBy(asc(tenantLocations.createdAt));
  if (rows.length) return rows.map((r) => r.locationId);
  const fallback = await resolveLocation(runtime, tenantId);
  return fallback ? [fallback] : [];
}

function build(runtime: Runtime, auth: GhlAuth): { api: GhlClient; extra: GhlExtraCalls } {
  const bucket = service(runtime, 'ghl.bucket', () => createTokenBucket({ clock: runtime.clock }));
  const common = { auth, bucket, baseUrl: runtime.env.GHL_API_URL, clock: runtime.clock, fetch: runtime.fetch };
  return { api: createGhlClient(common), extra: extraCalls(createGhlTransport(common)) };
}

const NotesResponse = z.looseObject({ notes: z.array(GhlApiNote) });
const TasksResponse = z.looseObject({ tasks: z.array(GhlApiTask) });
const ContactResponse = z.looseObject({ contact: GhlApiContact });

function extraCalls(send: GhlTransport): GhlExtraCalls {
  const id = encodeURIComponent;
  return {
    async listNotes(locationId, contactId) {
      return (
        await send(
          { method: 'GET', path: `/contacts/${id(contactId)}/notes`, family: 'contacts', locationId, idempotent: true },
          NotesResponse,
        )
      ).notes;
    },
    async listTasks(locationId, contactId) {
      return (
        await send(
          { method: 'GET', path: `/contacts/${id(contactId)}/tasks`, family: 'contacts', locationId, idempotent: true },
          TasksResponse,
        )
      ).tasks;
    },
    async assignContact(locationId, contactId, ghlUserId) {
      const body = { assignedTo: ghlUserId };
      return (
        await send(
          { method: 'PUT', path: `/contacts/${id(contactId)}`, family: 'contacts', locationId, body, idempotent: true },
          ContactResponse,
        )
      ).contact;
    },
    async setDnd(locationId, contactId, channel, active, message) {
      const body = {
        dndSettings: { [channel]: { status: active ? 'active' : 'inactive', ...(message ? { message } : {}) } },
      };
      return (
        await send(
          { method: 'PUT', path: `/contacts/${id(contactId)}`, family: 'contacts', locationId, body, idempotent: true },
          ContactResponse,
        )
      ).contact;
    },
  };
}
