import { terminalCommandFor } from '../message/action-id.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { textTable } from '../charts/text-table.ts';
import { toPlainText } from './markdown.ts';

export interface TerminalChoice {
  number: number;
  label: string;
  /** The line `parseCommand` accepts, e.g. `assign 12 maria`. */
  command: string;
}

/**
 * Buttons and select options as numbered choices, each with the command it stands for, so a
 * terminal user can type either the number or the command.
 */
export function terminalChoices(message: Pick<ChatMessage, 'buttons' | 'selects'>): TerminalChoice[] {
  const choices: Omit<TerminalChoice, 'number'>[] = [];
  for (const b of message.buttons) {
    const command = b.command ?? terminalCommandFor(b.actionId);
    if (command) choices.push({ label: b.label, command });
  }
  for (const s of message.selects) {
    if (s.options.length === 0) {
      const command = terminalCommandFor(s.actionId);
      if (command) choices.push({ label: s.placeholder.replace(/\s*▾$/, ''), command });
      continue;
    }
    for (const o of s.options) {
      const command = terminalCommandFor(s.actionId, o.value);
      if (command) choices.push({ label: `${s.placeholder.replace(/\s*▾$/, '')}: ${o.label}`, command });
    }
  }
  return choices.map((c, i) => ({ ...c, number: i + 1 }));
}

/**
 * Plain text for the terminal channel: markup stripped, charts as their table, actions as
 * numbered choices (`numbered: true`) or as the bare commands.
 */
export function renderTerminal(message: ChatMessage, options: { numbered?: boolean } = {}): string {
  const lines: string[] = [];
  if (message.header) lines.push(`== ${toPlainText(message.header)} ==`);
  for (const s of message.sections) lines.push(toPlainText(s));
  if (message.fields.length > 0) {
    const width = Math.max(...message.fields.map((f) => f.label.length));
    for (const f of message.fields) lines.push(`  ${`${f.label}:`.padEnd(width + 1)} ${toPlainText(f.value)}`);
  }
  if (message.table) lines.push(textTable(message.table));
  else if (message.image) lines.push(`[chart: ${message.image.alt}]`);
  message.items.forEach((item, index) => {
    lines.push(toPlainText(item.text));
    // One command per control (not one per menu option), with the item's row number for its id: the terminal
    // reads `claim 2` as row 2 of the list just shown (bots/terminal/list-rows.ts).
    const commands = [
      ...item.buttons.map((b) => b.command ?? terminalCommandFor(b.actionId)),
      ...item.selects.map((s) => terminalCommandFor(s.actionId)),
    ].flatMap((c) => (c ? [item.ref ? c.split(item.ref).join(String(index + 1)) : c] : []));
    if (commands.length > 0) lines.push(`    ${commands.join('  |  ')}`);
  });
  if (message.context.length > 0) lines.push(message.context.map(toPlainText).join(' · '));

  const choices = terminalChoices(message);
  if (choices.length > 0) {
    const width = Math.max(...choices.map((c) => c.label.length));
    lines.push(options.numbered ? 'Reply with a number or a command:' : 'Actions:');
    for (const c of choices) {
      lines.push(
        options.numbered
          ? `  ${String(c.number).padStart(2)}) ${c.label.padEnd(width)}  ${c.command}`
          : `  ${c.command.padEnd(24)} ${c.label}`,
      );
    }
  }
  return lines.join('\n');
}
