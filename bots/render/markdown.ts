/**
 * Translates the neutral markdown subset (`**bold**`, `_italic_`, `` `code` ``, `[label](url)`).
 * Discord speaks it natively; Slack and the terminal need these.
 */

const LINK = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
const BOLD = /\*\*([^*]+)\*\*/g;

/** Slack mrkdwn: `&`, `<`, `>` must be escaped or Slack reads them as control sequences. */
export function toSlackMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(LINK, (_, label: string, url: string) => `<${url}|${label}>`)
    .replace(BOLD, '*$1*');
}

export function escapeSlackPlain(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For the terminal and for notification fallbacks, where markup would show as noise. */
export function toPlainText(text: string): string {
  return text
    .replace(LINK, '$1 ($2)')
    .replace(BOLD, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;:!?])/g, '$1$2');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
