import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type PromptName = 'extract-criteria' | 'extract-intent' | 'extract-facts' | 'lead-brief';

export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const cache = new Map<string, string>();

/** Prompt text from `prompts/<name>.md`, read once per process: editing a prompt needs no code change. */
export function loadPrompt(name: PromptName, dir: string = DEFAULT_PROMPTS_DIR): string {
  const path = `${dir.replace(/\/?$/, '/')}${name}.md`;
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8').trim();
    cache.set(path, text);
  }
  return text;
}
