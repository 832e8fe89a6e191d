import { ALERTS_PICKED } from '../message/list-action-id.ts';

interface Component {
  type?: number;
  custom_id?: string;
  options?: Array<{ value?: unknown; default?: boolean }>;
  components?: Component[];
}

/**
 * The alerts still picked on the bar a bulk button sits on. Discord sends a component interaction
 * with the message it belongs to (`message.components`) but no menu state, so the bar keeps its picks
 * as the default options of its `alerts:picked` menu (re-drawn whenever the manager changes them).
 * @example pickedFromDiscordMessage(interaction.message) // ['a1', 'a2']
 */
export function pickedFromDiscordMessage(message: unknown): string[] {
  const rows = (message as { components?: Component[] } | null)?.components;
  if (!Array.isArray(rows)) return [];
  for (const row of rows) {
    for (const component of row?.components ?? []) {
      if (component?.custom_id !== ALERTS_PICKED || !Array.isArray(component.options)) continue;
      return component.options
        .filter((o) => o?.default === true)
        .map((o) => o.value)
        .filter((v): v is string => typeof v === 'string');
    }
  }
  return [];
}
