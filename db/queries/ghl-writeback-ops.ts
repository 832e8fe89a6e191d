import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import type { EnqueueOptions, JobQueue } from '../../jobs/queue.ts';

const id = z.string().min(1);
const tags = z.array(z.string().min(1)).min(1);
/** Written into note/task bodies so a retried job can find what its first attempt may have created. */
const ref = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,40}$/)
  .optional();

/** `ghl.writeback` ops: the registry keeps `args` open, each op is checked here, at enqueue and again in the worker. */
export const GhlWritebackOps = {
  add_note: z.object({ contactId: id, body: z.string().min(1).max(5000), ref }),
  add_tags: z.object({ contactId: id, tags }),
  remove_tags: z.object({ contactId: id, tags }),
  create_task: z.object({
    contactId: id,
    title: z.string().min(1),
    body: z.string().optional(),
    dueDate: z.iso.datetime({ offset: true }),
    assignedTo: id.optional(),
    ref,
  }),
  update_opportunity: z
    .object({
      opportunityId: id,
      pipelineStageId: id.optional(),
      status: z.enum(['open', 'won', 'lost', 'abandoned']).optional(),
      assignedTo: id.optional(),
    })
    .refine(
      (a) => a.pipelineStageId || a.status || a.assignedTo,
      'update_opportunity needs pipelineStageId, status or assignedTo',
    ),
  assign_contact: z.object({ contactId: id, ghlUserId: id }),
  /** An opt-out (or opt back in) we learned first, mirrored onto the contact's DND for that channel. */
  set_dnd: z.object({
    contactId: id,
    channel: z.enum(['SMS', 'Email']),
    active: z.boolean(),
    reason: z.string().max(200).optional(),
  }),
  send_message: z
    .object({
      contactId: id,
      type: z.enum(['SMS', 'WhatsApp', 'Email']),
      message: z.string().min(1),
      subject: z.string().min(1).optional(),
    })
    .refine((a) => a.type !== 'Email' || a.subject, 'an Email send_message needs a subject'),
} as const;

export type GhlWritebackOpName = keyof typeof GhlWritebackOps;
export type GhlWritebackArgs<O extends GhlWritebackOpName> = z.infer<(typeof GhlWritebackOps)[O]>;
export type GhlWriteback = { [O in GhlWritebackOpName]: { op: O; args: GhlWritebackArgs<O> } }[GhlWritebackOpName];

/** Validates a job's `op` + `args`; a bad op is a bug in the enqueuer, named in the error the dead-letter queue shows. */
export function parseGhlWriteback(op: string, args: unknown): GhlWriteback {
  const schema = (GhlWritebackOps as Record<string, z.ZodType>)[op];
  if (!schema)
    throw new AppError(
      'validation_failed',
      `unknown ghl.writeback op "${op}" (known: ${Object.keys(GhlWritebackOps).join(', ')})`,
    );
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      `ghl.writeback ${op}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'args'} ${i.message}`).join('; ')}`,
    );
  }
  return { op, args: parsed.data } as GhlWriteback;
}

/**
 * Typed enqueue for one write-back. Pass `{ tx }` so the write-back exists only if the decision
 * that caused it commits.
 * @example await enqueueGhlWriteback(queue, { tenantId, op: 'add_tags', args: { contactId, tags: ['hot-lead'] } }, { tx })
 */
export async function enqueueGhlWriteback<O extends GhlWritebackOpName>(
  queue: JobQueue,
  job: { tenantId: string; locationId?: string; op: O; args: GhlWritebackArgs<O> },
  options: EnqueueOptions = {},
): Promise<string | null> {
  const { args } = parseGhlWriteback(job.op, job.args);
  return queue.enqueue(
    'ghl.writeback',
    {
      tenantId: job.tenantId,
      ...(job.locationId ? { locationId: job.locationId } : {}),
      op: job.op,
      args: args as Record<string, unknown>,
    },
    options,
  );
}

/** A short, stable reference for a write-back: the same decision always yields the same marker. */
export function writebackRef(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12);
}

/** The line appended to note and task bodies; also what a retry searches for. */
export const writebackMarker = (refValue: string) => `[porchlight ${refValue}]`;
