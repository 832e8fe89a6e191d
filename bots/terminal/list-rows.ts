import type { Command } from '../commands/parse-command.ts';
import type { ChatMessage } from '../message/chat-message.ts';

// Alert ids are uuids: one or two digits can only be a row number.
const ROW = /^\d{1,2}$/;

/** The alerts a list showed, in row order (its items stand for them). */
export function listedAlertIds(message: ChatMessage): string[] {
  return message.items.flatMap((item) => (item.ref ? [item.ref] : []));
}

/**
 * In the terminal, `ack 1,3` or `claim 2` after `/alerts` means rows 1 and 3 of that list: typing uuids
 * is no way to work. Returns the command with row numbers replaced by alert ids, or the problem.
 * @example withListRows({ name: 'bulk-alert-action', action: 'dismiss', alertIds: ['1'] }, ['a1']) // alertIds ['a1']
 */
export function withListRows(command: Command, rows: readonly string[]): Command | string {
  if (command.name !== 'alert-action' && command.name !== 'bulk-alert-action') return command;
  const refs = command.name === 'alert-action' ? [command.alertId] : command.alertIds;
  if (!refs.some((ref) => ROW.test(ref))) return command;
  if (rows.length === 0) return 'Run `/alerts` first: numbers like `1,3` stand for rows of the last list.';
  const ids: string[] = [];
  for (const ref of refs) {
    if (!ROW.test(ref)) ids.push(ref);
    else if (rows[Number(ref) - 1]) ids.push(rows[Number(ref) - 1]);
    else return `The last \`/alerts\` list has no row ${ref} (it showed ${rows.length}).`;
  }
  return command.name === 'alert-action' ? { ...command, alertId: ids[0] } : { ...command, alertIds: ids };
}
