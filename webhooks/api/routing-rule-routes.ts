import { z } from '@hono/zod-openapi';
import { RoutingRule as CoreRoutingRule } from '../../core/routing/routing-rule.ts';
import { apiRoute, json } from './api-route.ts';

// The condition is a recursive tree; the generator cannot follow core's lazy self-reference, so the document
// describes its shape in words and the routing queries validate it in full (naming the rule at fault).
const Condition = z.record(z.string(), z.unknown()).openapi('RoutingCondition', {
  description:
    'A condition tree: {"all":[…]}, {"any":[…]}, {"not":{…}}, {"field":<list field>,"in":[…]} or ' +
    '{"field":<range field>,"min"?,"max"?} (docs/alerts-and-routing.md)',
});

export const RoutingRule = CoreRoutingRule.extend({
  condition: Condition.nullable().openapi({ description: 'null is the catch-all' }),
}).openapi('RoutingRule');

const RoutingTable = z.object({ rules: z.array(RoutingRule), default: z.boolean() });

// The table is checked as a whole by the routing queries, whose messages name each rule by number
// and name (`rule 2 "VIP": strategy: …`) for people editing by hand; here only the envelope.
const RuleInput = z.record(z.string(), z.unknown()).openapi({
  description: 'A RoutingRule; `id` (kept only when it is already one of yours) and `position` are optional',
});
const RuleList = z.array(RuleInput);

export const routingRuleRoutes = {
  get: apiRoute({
    method: 'get',
    path: '/api/v1/routing-rules',
    tags: ['routing'],
    summary: "The team's routing rules (the default table when none are stored)",
    responses: { 200: { description: 'The rules in order', content: json(RoutingTable) } },
  }),
  replace: apiRoute({
    method: 'put',
    path: '/api/v1/routing-rules',
    tags: ['routing'],
    summary: 'Replace the whole table; a bad table changes nothing',
    request: {
      body: {
        content: json(
          z.union([z.object({ rules: RuleList }), RuleList], {
            error: 'must be {"rules":[...]} or a list of routing rules',
          }),
        ),
        required: true,
      },
    },
    responses: { 200: { description: 'The stored rules', content: json(RoutingTable) } },
  }),
};
