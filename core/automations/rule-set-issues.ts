import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { AutomationRule, AutomationRuleSet, unknownRuleReferences } from './automation-rule.ts';

type Issue = z.core.$ZodIssue;
type Segment = PropertyKey;

/** A union branch that failed only because the value had another shape altogether (a list where an object goes). */
const wrongShape = (branch: readonly Issue[]) =>
  branch.length > 0 && branch.every((i) => i.path.length === 0 && i.code === 'invalid_type');

/**
 * zod reports a failed union as every branch's issues; people editing a file by hand want the branch their
 * value was meant for (the one that failed for a reason other than its shape), so issues are unfolded into it.
 */
function unfold(issue: Issue, base: Segment[]): Array<{ path: Segment[]; message: string }> {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const meant = issue.errors.find((branch) => !wrongShape(branch));
    if (meant) return meant.flatMap((i) => unfold(i, path));
  }
  return [{ path, message: issue.message }];
}

/** `['then', 0, 'template']` → `then[0].template` */
function pathText(path: readonly Segment[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment),
    '',
  );
}

/**
 * One readable line per problem, naming the rule by its id (or its position when the id is the problem):
 * `welcome: then[0].template: unknown template variable {{lead.favoriteColor}}`.
 */
export function describeRuleSetIssues(input: unknown, issues: readonly Issue[]): string[] {
  const wrapped = !Array.isArray(input) && input !== null && typeof input === 'object' && 'rules' in input;
  const list = wrapped ? (input as { rules: unknown }).rules : input;
  return issues
    .flatMap((issue) => unfold(issue, []))
    .map(({ path, message }) => {
      const rest = wrapped && path[0] === 'rules' ? path.slice(1) : path;
      const [index, ...where] = rest;
      if (typeof index !== 'number') return rest.length ? `${pathText(rest)}: ${message}` : message;
      const id = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined)?.id : undefined;
      const named = typeof id === 'string' && AutomationRule.shape.id.safeParse(id).success ? id : `rule ${index + 1}`;
      return `${named}: ${where.length ? `${pathText(where)}: ` : ''}${message}`;
    });
}

/**
 * A rules file or request body (a list, or `{"rules":[...]}`; the `state` that `automations list --json` and
 * `GET /api/v1/automations` print beside the rules is ignored) parsed, or AppError `validation_failed`
 * naming each problem.
 * @example parseRuleSet([{ id: 'welcome', ... }]) // AutomationRule[]
 */
export function parseRuleSet(input: unknown): AutomationRule[] {
  const body =
    input && typeof input === 'object' && !Array.isArray(input) && 'state' in input
      ? Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'state'))
      : input;
  const parsed = AutomationRuleSet.safeParse(body);
  if (parsed.success) return parsed.data;
  const shapeOnly = parsed.error.issues.every(
    (i) => i.path.length === 0 && i.code === 'invalid_union' && i.errors.every(wrongShape),
  );
  if (shapeOnly) throw new AppError('validation_failed', 'automation rules must be a list of rules or {"rules":[...]}');
  const problems = describeRuleSetIssues(body, parsed.error.issues);
  throw new AppError('validation_failed', `invalid automation rules: ${problems.join('; ')}`, { issues: problems });
}

/** `enroll` and `stop` steps must name rules the team will have once the change is saved. */
export function assertRuleReferences(rules: readonly AutomationRule[]): void {
  const problems = unknownRuleReferences(rules);
  if (problems.length)
    throw new AppError('validation_failed', `invalid automation rules: ${problems.join('; ')}`, { issues: problems });
}
