/**
 * Outbound GHL API v2 client.
 *
 * Why not `@gohighlevel/api-client` (v3.1, evaluated from its code in node_modules):
 * - the base URL is a private static (`HighLevel.BASE_URL`), so `GHL_API_URL` cannot point it at a
 *   fake GHL without monkey-patching;
 * - it sends one global `Version` header (default 2023-02-21) to every family, while contacts and
 *   opportunities pin 2021-07-28 and conversations 2021-04-15;
 * - transport is a private axios instance: no injectable fetch, clock or sleep, so retries and
 *   waits cannot be tested without real time; it retries 429 only (opt-in), never 5xx/network
 *   errors, and has no local per-location rate limiter;
 * - its SessionStorage has no compare-and-set, so token refresh is single-flight only inside one
 *   process: two workers would both spend the single-use refresh token; a failed refresh is logged
 *   and turned into "no token" instead of an error we can dead-letter;
 * - it pulls in axios and the MongoDB driver.
 * Everything we need is ten endpoints, so a small fetch-based client is simpler and testable.
 */
import type { Clock } from '../../core/time/clock.ts';
import { systemClock } from '../../core/time/clock.ts';
import { GHL_DEFAULT_BASE_URL } from './ghl-api-versions.ts';
import type { GhlAuth } from './ghl-auth.ts';
import {
  DuplicateContactResponse,
  GetContactResponse,
  NoteResponse,
  OpportunityResponse,
  PipelinesResponse,
  SearchContactsResponse,
  SendMessageResponse,
  TagsResponse,
  TaskResponse,
  type GhlApiContact,
  type GhlApiNote,
  type GhlApiOpportunity,
  type GhlApiPipeline,
  type GhlApiTask,
} from '../../core/ghl/ghl-api-schemas.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';
import { createGhlTransport } from './ghl-transport.ts';

export interface GhlClientOptions {
  auth: GhlAuth;
  /** `GHL_API_URL`; default https://services.leadconnectorhq.com. */
  baseUrl?: string;
  clock?: Clock;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Share one bucket between clients in a process so they respect the same per-location budget. */
  bucket?: TokenBucket;
  maxRetries?: number;
}

export interface OpportunityUpdate {
  pipelineId?: string;
  pipelineStageId?: string;
  status?: 'open' | 'won' | 'lost' | 'abandoned';
  assignedTo?: string;
  monetaryValue?: number;
  name?: string;
}

export type OutboundMessage =
  | { type: 'SMS' | 'WhatsApp'; contactId: string; message: string; attachments?: string[] }
  | { type: 'Email'; contactId: string; subject: string; html?: string; message?: string; emailTo?: string };

export interface GhlClient {
  getContact(locationId: string, contactId: string): Promise<GhlApiContact>;
  searchContacts(
    locationId: string,
    search: { query?: string; pageLimit?: number; page?: number },
  ): Promise<{ contacts: GhlApiContact[]; total: number | null }>;
  /** The contact GHL would treat as the same person, by email or phone; null when none. */
  lookupContact(locationId: string, by: { email?: string; phone?: string }): Promise<GhlApiContact | null>;
  addNote(locationId: string, contactId: string, note: { body: string; userId?: string }): Promise<GhlApiNote>;
  addTags(locationId: string, contactId: string, tags: string[]): Promise<string[]>;
  removeTags(locationId: string, contactId: string, tags: string[]): Promise<string[]>;
  createTask(
    locationId: string,
    contactId: string,
    task: { title: string; body?: string; dueDate: Date | string; assignedTo?: string; completed?: boolean },
  ): Promise<GhlApiTask>;
  updateOpportunity(locationId: string, opportunityId: string, update: OpportunityUpdate): Promise<GhlApiOpportunity>;
  listPipelines(locationId: string): Promise<GhlApiPipeline[]>;
  sendMessage(locationId: string, message: OutboundMessage): Promise<{ conversationId: string; messageId: string }>;
}

/**
 * @example
 * const ghl = createGhlClient({ auth: privateTokenAuth(env.GHL_TOKEN), baseUrl: env.GHL_API_URL });
 * await ghl.addNote(locationId, contactId, { body: 'Claimed by Maria in Slack 38 s after the lead arrived' });
 */
export function createGhlClient(options: GhlClientOptions): GhlClient {
  const clock = options.clock ?? systemClock;
  const send = createGhlTransport({
    baseUrl: options.baseUrl ?? GHL_DEFAULT_BASE_URL,
    auth: options.auth,
    bucket: options.bucket ?? createTokenBucket({ clock }),
    clock,
    fetch: options.fetch,
    sleep: options.sleep,
    random: options.random,
    maxRetries: options.maxRetries,
  });
  const id = encodeURIComponent;

  return {
    async getContact(locationId, contactId) {
      const r = await send(
        { method: 'GET', path: `/contacts/${id(contactId)}`, family: 'contacts', locationId, idempotent: true },
        GetContactResponse,
      );
      return r.contact;
    },
    async searchContacts(locationId, search) {
      const body = {
        locationId,
        pageLimit: search.pageLimit ?? 20,
        ...(search.page ? { page: search.page } : {}),
        ...(search.query ? { query: search.query } : {}),
      };
      const r = await send(
        { method: 'POST', path: '/contacts/search', family: 'contacts', locationId, body, idempotent: true },
        SearchContactsResponse,
      );
      return { contacts: r.contacts, total: r.total ?? null };
    },
    async lookupContact(locationId, by) {
      const query = { locationId, email: by.email, number: by.phone };
      const r = await send(
        { method: 'GET', path: '/contacts/search/duplicate', family: 'contacts', locationId, query, idempotent: true },
        DuplicateContactResponse,
      );
      return r.contact ?? null;
    },
    async addNote(locationId, contactId, note) {
      const r = await send(
        {
          method: 'POST',
          path: `/contacts/${id(contactId)}/notes`,
          family: 'contacts',
          locationId,
          body: note,
          idempotent: false,
        },
        NoteResponse,
      );
      return r.note;
    },
    async addTags(locationId, contactId, tags) {
      const r = await send(
        {
          method: 'POST',
          path: `/contacts/${id(contactId)}/tags`,
          family: 'contacts',
          locationId,
          body: { tags },
          idempotent: true,
        },
        TagsResponse,
      );
      return r.tags;
    },
    async removeTags(locationId, contactId, tags) {
      const r = await send(
        {
          method: 'DELETE',
          path: `/contacts/${id(contactId)}/tags`,
          family: 'contacts',
          locationId,
          body: { tags },
          idempotent: true,
        },
        TagsResponse,
      );
      return r.tags;
    },
    async createTask(locationId, contactId, task) {
      const body = {
        title: task.title,
        ...(task.body ? { body: task.body } : {}),
        dueDate: new Date(task.dueDate).toISOString(),
        completed: task.completed ?? false,
        ...(task.assignedTo ? { assignedTo: task.assignedTo } : {}),
      };
      const r = await send(
        {
          method: 'POST',
          path: `/contacts/${id(contactId)}/tasks`,
          family: 'contacts',
          locationId,
          body,
          idempotent: false,
        },
        TaskResponse,
      );
      return r.task;
    },
    async updateOpportunity(locationId, opportunityId, update) {
      const r = await send(
        {
          method: 'PUT',
          path: `/opportunities/${id(opportunityId)}`,
          family: 'opportunities',
          locationId,
          body: update,
          idempotent: true,
        },
        OpportunityResponse,
      );
      return r.opportunity;
    },
    async listPipelines(locationId) {
      const r = await send(
        {
          method: 'GET',
          path: '/opportunities/pipelines',
          family: 'opportunities',
          locationId,
          query: { locationId },
          idempotent: true,
        },
        PipelinesResponse,
      );
      return r.pipelines;
    },
    async sendMessage(locationId, message) {
      const r = await send(
        {
          method: 'POST',
          path: '/conversations/messages',
          family: 'conversations',
          locationId,
          body: message,
          idempotent: false,
        },
        SendMessageResponse,
      );
      return { conversationId: r.conversationId, messageId: r.messageId };
    },
  };
}
