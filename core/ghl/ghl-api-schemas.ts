import { z } from 'zod';

/**
 * Response shapes of the GHL API v2 operations we call (OpenAPI specs in
 * GoHighLevel/highlevel-api-docs). Loose on purpose: we validate what we read and let GHL add fields.
 */
const s = z.string().nullish();

export const GhlApiContact = z.looseObject({
  id: z.string(),
  locationId: s,
  firstName: s,
  lastName: s,
  name: s,
  contactName: s,
  email: s,
  phone: s,
  tags: z.array(z.string()).nullish(),
  assignedTo: s,
  source: s,
  dnd: z.boolean().nullish(),
  customFields: z.array(z.looseObject({ id: z.string(), value: z.unknown() })).nullish(),
  dateAdded: s,
  dateUpdated: s,
});
export type GhlApiContact = z.infer<typeof GhlApiContact>;

export const GetContactResponse = z.looseObject({ contact: GhlApiContact });
export const SearchContactsResponse = z.looseObject({ contacts: z.array(GhlApiContact), total: z.number().nullish() });
export const DuplicateContactResponse = z.looseObject({ contact: GhlApiContact.nullish() });

export const GhlApiNote = z.looseObject({ id: z.string(), body: s, userId: s, contactId: s, dateAdded: s });
export type GhlApiNote = z.infer<typeof GhlApiNote>;
export const NoteResponse = z.looseObject({ note: GhlApiNote });

export const TagsResponse = z.looseObject({ tags: z.array(z.string()) });

export const GhlApiTask = z.looseObject({
  id: z.string(),
  title: s,
  body: s,
  assignedTo: s,
  dueDate: s,
  completed: z.boolean().nullish(),
  contactId: s,
});
export type GhlApiTask = z.infer<typeof GhlApiTask>;
export const TaskResponse = z.looseObject({ task: GhlApiTask });

export const GhlApiOpportunity = z.looseObject({
  id: z.string(),
  name: s,
  pipelineId: s,
  pipelineStageId: s,
  status: s,
  assignedTo: s,
  monetaryValue: z.number().nullish(),
  contactId: s,
  updatedAt: s,
});
export type GhlApiOpportunity = z.infer<typeof GhlApiOpportunity>;
export const OpportunityResponse = z.looseObject({ opportunity: GhlApiOpportunity });

export const GhlApiPipeline = z.looseObject({
  id: z.string(),
  name: z.string(),
  stages: z.array(z.looseObject({ id: z.string(), name: z.string(), position: z.number().nullish() })).default([]),
});
export type GhlApiPipeline = z.infer<typeof GhlApiPipeline>;
export const PipelinesResponse = z.looseObject({ pipelines: z.array(GhlApiPipeline) });

export const SendMessageResponse = z.looseObject({
  conversationId: z.string(),
  messageId: z.string(),
  emailMessageId: s,
  msg: s,
});
export type SendMessageResponse = z.infer<typeof SendMessageResponse>;
