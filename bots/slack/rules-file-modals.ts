import type { View } from '@slack/types';
import { AUTOMATIONS_TEST_DAYS_DEFAULT } from '../commands/parse-automations.ts';
import { SIMULATE_DAYS_DEFAULT } from '../commands/parse-rules.ts';

/**
 * A command that tries a rules file on the team's past (`/rules simulate`, `/automations test`). Typed alone in
 * Slack it opens a form with an upload box, since a slash command cannot carry a file; the form's answer goes
 * back through the command text (`simulate 30 <file url>`), so the form and a typed command take one path.
 */
export interface RulesFileModal {
  id: string;
  command: '/rules' | '/automations';
  verb: 'simulate' | 'test';
  defaultDays: number;
  title: string;
  submit: string;
  explain: (days: number) => string;
  fileLabel: string;
}

export const RULES_FILE_MODALS: readonly RulesFileModal[] = [
  {
    id: 'porchlight_rules_simulate_modal',
    command: '/rules',
    verb: 'simulate',
    defaultDays: SIMULATE_DAYS_DEFAULT,
    title: 'Simulate routing rules',
    submit: 'Simulate',
    explain: (days) =>
      `Replays the last ${days} days of alerts through the rules file beside the current rules. ` +
      'Nothing changes until `porchlight rules set`.',
    fileLabel: 'Rules file (JSON, as `porchlight rules list --json` prints)',
  },
  {
    id: 'porchlight_automations_test_modal',
    command: '/automations',
    verb: 'test',
    defaultDays: AUTOMATIONS_TEST_DAYS_DEFAULT,
    title: 'Try automation rules',
    submit: 'Dry run',
    explain: (days) =>
      `Replays the last ${days} days of the team's events through the rules file and says what ` +
      'they would have done. Nothing is sent or changed until `porchlight automations set`.',
    fileLabel: 'Rules file (JSON, as `porchlight automations list --json` prints)',
  },
];

/** The form a typed command opens (`/rules simulate 14` alone), with its days; null when it carries more. */
export function rulesFileModalFor(
  command: string,
  text: string | undefined,
): { modal: RulesFileModal; days: number } | null {
  for (const modal of RULES_FILE_MODALS) {
    if (modal.command !== command) continue;
    // A payload may come without `text` at all; it is then the command alone.
    const alone = new RegExp(`^${modal.verb}(?:\\s+(\\d{1,3})d?)?$`, 'i').exec((text ?? '').trim());
    if (alone) return { modal, days: Number(alone[1] ?? modal.defaultDays) };
  }
  return null;
}

export function rulesFileModal(
  modal: RulesFileModal,
  meta: { channelId?: string; responseUrl?: string; days: number },
): View {
  return {
    type: 'modal',
    callback_id: modal.id,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: modal.title },
    submit: { type: 'plain_text', text: modal.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: modal.explain(meta.days) } },
      {
        type: 'input',
        block_id: 'rules',
        label: { type: 'plain_text', text: modal.fileLabel },
        element: { type: 'file_input', action_id: 'file', filetypes: ['json'], max_files: 1 },
      },
    ],
  };
}

interface UploadedFile {
  url_private_download?: string;
  url_private?: string;
}

/** Back to the command text (`simulate 30 <file url>`). */
export function rulesFileModalText(
  modal: RulesFileModal,
  values: Record<string, Record<string, { files?: UploadedFile[] }>>,
  days: number,
): string {
  const file = values.rules?.file?.files?.[0];
  const url = file?.url_private_download ?? file?.url_private;
  return url ? `${modal.verb} ${days} ${url}` : `${modal.verb} ${days}`;
}
