import { z } from '@hono/zod-openapi';
import { RULE_ID } from '../../core/automations/automation-action.ts';
import { apiRoute, json } from './api-route.ts';

// A rule nests a recursive condition tree and a union of step kinds the generator cannot follow; the document
// describes it in words and the use case validates it in full, naming the rule and the path at fault.
const RuleBody = z.record(z.string(), z.unknown()).openapi('AutomationRule', {
  description:
    'One rule: {"id","name","enabled"?,"when":{"event",…},"if"?,"then":[steps, waits between them],' +
    '"exitWhen"?,"loopWindowHours"?} (docs/automations.md)',
  example: {
    id: 'new-lead-welcome',
    name: 'Welcome text',
    when: { event: 'lead_created' },
    then: [{ do: 'text_lead', template: 'Hi {{lead.firstName | "there"}}, this is {{agent.firstName}}.' }],
  },
});

const RuleState = z
  .object({
    ruleId: z.string(),
    version: z.number().int().openapi({ description: 'Every change makes a new version' }),
    enabled: z.boolean(),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    activeRuns: z.number().int().openapi({ description: 'Leads in it now' }),
  })
  .openapi('AutomationRuleState');

const Automations = z.object({
  rules: z.array(RuleBody).openapi({ description: 'In id order; a PUT takes this document back as it is' }),
  state: z.array(RuleState).openapi({ description: 'Where each rule stands (ignored by PUT)' }),
});

const Change = z
  .object({
    ruleId: z.string(),
    version: z.number().int(),
    change: z.enum(['added', 'updated', 'unchanged', 'removed']),
    cancelledRuns: z
      .number()
      .int()
      .openapi({ description: 'Active runs ended because the rule was removed or is off' }),
  })
  .openapi('AutomationRuleChange');

const RuleList = z.array(RuleBody);
const MANAGERS = 'An agent key of an agent: only managers and admins change automations (`forbidden`)';
const PROBLEM = 'Invalid rules; the message names each rule and problem (`welcome: then[0].template: …`)';

export const automationRoutes = {
  list: apiRoute({
    method: 'get',
    path: '/api/v1/automations',
    tags: ['automations'],
    summary: "The team's automation rules, with each one's version, on/off and leads in it now",
    responses: { 200: { description: 'The rules', content: json(Automations) } },
  }),
  replace: apiRoute({
    method: 'put',
    path: '/api/v1/automations',
    tags: ['automations'],
    summary: 'Replace the whole set: rules left out are removed and their active runs cancelled',
    request: {
      body: {
        content: json(
          z.union([z.object({ rules: RuleList }), RuleList], {
            error: 'must be {"rules":[...]} or a list of automation rules',
          }),
        ),
        required: true,
      },
    },
    responses: {
      200: {
        description: 'What happened to each rule, and the set as stored',
        content: json(Automations.extend({ changes: z.array(Change) })),
      },
    },
    errors: { 403: MANAGERS, 422: PROBLEM },
  }),
  patch: apiRoute({
    method: 'patch',
    path: '/api/v1/automations/{ruleId}',
    tags: ['automations'],
    summary: 'Change one rule: its top-level keys replaced by the patch; {"enabled":false} switches it off',
    request: {
      params: z.object({ ruleId: RULE_ID }),
      body: { content: json(z.record(z.string(), z.unknown())), required: true },
    },
    responses: {
      200: {
        description: 'The rule as stored, with what the change did',
        content: json(Change.extend({ rule: RuleBody, state: RuleState })),
      },
    },
    errors: { 403: MANAGERS, 404: 'No such rule in this team (`not_found`)', 422: PROBLEM },
  }),
};
