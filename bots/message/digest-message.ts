import type { DigestLine } from '../../db/queries/deliveries/agent-digests.ts';
import { chatMessage, type ChatMessage } from './chat-message.ts';

/** One summary card for the alerts an agent's caps or quiet hours held back. */
export function digestMessage(lines: DigestLine[]): ChatMessage {
  const shown = lines.slice(0, 20);
  const sections = shown.map((l) => {
    const about = l.alertId ? ` (alert #${l.alertId})` : '';
    return `• **${l.leadName || 'Lead'}**: ${l.alertReason ?? l.kind ?? 'alert'}${about}`;
  });
  if (lines.length > shown.length) sections.push(`…and ${lines.length - shown.length} more`);
  return chatMessage({
    header: `📬 ${lines.length} alert${lines.length === 1 ? '' : 's'} held for your digest`,
    sections,
    context: ['Held back by your alert caps or quiet hours; nothing was dropped.'],
    tone: 'normal',
  });
}
