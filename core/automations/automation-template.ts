/**
 * Message templates: `{{lead.firstName}}`, with an optional fallback `{{lead.firstName | "there"}}`.
 * Hand-written rather than Mustache/Handlebars: we need the variable names at save time to refuse unknown
 * ones, no logic in templates, and nothing escaped (texts are plain; emails escape at render).
 */
export const TEMPLATE_VARIABLES = [
  'lead.firstName',
  'lead.lastName',
  'lead.name',
  'lead.city',
  'lead.source',
  'agent.name',
  'agent.firstName',
  'agent.phone',
  'agent.email',
  'team.name',
  'listing.address',
  'listing.city',
  'listing.price',
  'listing.previousPrice',
  'listing.beds',
  'listing.url',
  'listing.openHouse',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:\|\s*"([^"]*)"\s*)?\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

/** The variables a template names that we do not know, in order of first use. */
export function unknownVariables(template: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of template.matchAll(PLACEHOLDER)) if (!KNOWN.has(name)) unknown.add(name);
  return [...unknown];
}

/** Unbalanced braces left after the placeholders are taken out: a typo like `{{lead.firstName}`. */
export function hasStrayBraces(template: string): boolean {
  return /\{\{|\}\}/.test(template.replace(PLACEHOLDER, ''));
}

/**
 * Fills a template; a variable without a value becomes its fallback, else an empty string, and the doubled
 * spaces that leaves are folded.
 * @example renderTemplate('Hi {{lead.firstName | "there"}}!', {}) // 'Hi there!'
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const filled = template.replace(PLACEHOLDER, (_, name: string, fallback?: string) => {
    const value = values[name as TemplateVariable];
    return value === null || value === undefined || value === '' ? (fallback ?? '') : value;
  });
  return filled
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.!?])/g, '$1')
    .trim();
}
