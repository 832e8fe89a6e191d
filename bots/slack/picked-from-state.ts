import { ALERTS_PICK } from '../message/list-action-id.ts';

interface SlackStateValue {
  type?: string;
  selected_options?: Array<{ value?: unknown }> | null;
}

/**
 * The alerts picked in a list's menu, from the message state Slack sends with every block action
 * (`body.state.values[blockId][actionId]`): the bulk buttons carry no selection of their own.
 * @example pickedFromSlackState(body.state) // ['a1', 'a2']
 */
export function pickedFromSlackState(state: unknown): string[] {
  const values = (state as { values?: Record<string, Record<string, SlackStateValue>> } | null)?.values;
  if (!values || typeof values !== 'object') return [];
  for (const block of Object.values(values)) {
    const menu = block?.[ALERTS_PICK];
    if (menu && Array.isArray(menu.selected_options))
      return menu.selected_options.map((o) => o.value).filter((v): v is string => typeof v === 'string');
  }
  return [];
}
