import type { View } from '@slack/types';

export const RULES_SIMULATE_MODAL_ID = 'porchlight_rules_simulate_modal';

/** `/rules simulate` with no file: Slack commands cannot carry one, so a form takes the upload. */
export function rulesSimulateModal(meta: { channelId?: string; responseUrl?: string; days: number }): View {
  return {
    type: 'modal',
    callback_id: RULES_SIMULATE_MODAL_ID,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Simulate routing rules' },
    submit: { type: 'plain_text', text: 'Simulate' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            `Replays the last ${meta.days} days of alerts through the rules file beside the current rules. ` +
            'Nothing changes until `porchlight rules set`.',
        },
      },
      {
        type: 'input',
        block_id: 'rules',
        label: { type: 'plain_text', text: 'Rules file (JSON, as `porchlight rules list --json` prints)' },
        element: { type: 'file_input', action_id: 'file', filetypes: ['json'], max_files: 1 },
      },
    ],
  };
}

interface UploadedFile {
  url_private_download?: string;
  url_private?: string;
}

/** Back to the command text (`simulate 30 <file url>`), so the form and a typed command take one path. */
export function rulesSimulateModalText(
  values: Record<string, Record<string, { files?: UploadedFile[] }>>,
  days: number,
): string {
  const file = values.rules?.file?.files?.[0];
  const url = file?.url_private_download ?? file?.url_private;
  return url ? `simulate ${days} ${url}` : `simulate ${days}`;
}
