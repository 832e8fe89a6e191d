import type { View } from '@slack/types';

export const ALERT_MODAL_ID = 'porchlight_alert_modal';

/** The `/alert` form: the same plain words as the command, in two boxes, so nothing new to learn. */
export function alertModal(meta: { channelId?: string; responseUrl?: string }): View {
  return {
    type: 'modal',
    callback_id: ALERT_MODAL_ID,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'New search alert' },
    submit: { type: 'plain_text', text: 'Save search' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'criteria',
        label: { type: 'plain_text', text: 'What are they looking for?' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: '3 bed 2 bath under 450k in Austin with a pool' },
        },
      },
      {
        type: 'input',
        block_id: 'lead',
        label: { type: 'plain_text', text: 'For which lead?' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: 'Ana Lopez' },
        },
      },
    ],
  };
}

/** Back to the command text, so the modal and `/alert … for …` take one path. */
export function alertModalText(values: Record<string, Record<string, { value?: string | null }>>): string {
  const criteria = values.criteria?.value?.value?.trim() ?? '';
  const lead = values.lead?.value?.value?.trim() ?? '';
  return lead ? `${criteria} for ${lead}` : criteria;
}
