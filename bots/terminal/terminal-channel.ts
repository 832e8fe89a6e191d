import type { Channel, DeliveryResult } from '../channel.ts';
import { alertMessage } from '../message/alert-message.ts';
import { renderTerminal, terminalChoices } from '../render/render-terminal.ts';
import { terminalState } from './terminal-output.ts';

/**
 * The channel of last resort: with no Slack or Discord for the tenant, alerts print to the console
 * of the process that delivers them (`npm start`), with numbered choices to act on.
 */
export const terminalChannel: Channel = {
  name: 'terminal',
  available: (runtime, tenant) =>
    !((runtime.env.SLACK_BOT_TOKEN || runtime.env.SLACK_CLIENT_ID) && tenant.slackTeamId) &&
    !(runtime.env.DISCORD_BOT_TOKEN && tenant.discordGuildId),
  addressOf: () => 'console',
  async deliverAlert(runtime, delivery): Promise<DeliveryResult> {
    const message = alertMessage(delivery.view);
    const state = terminalState(runtime);
    state.lastChoices = terminalChoices(message);
    state.write(`\n${renderTerminal(message, { numbered: true })}\n`);
    return { status: 'sent', ref: { console: true, alertId: delivery.view.alertId } };
  },
  // A note to the agent at the console (an automatic send to their lead): one line, nothing to act on.
  async sendText(runtime, delivery): Promise<DeliveryResult> {
    terminalState(runtime).write(`  ✉ ${delivery.text}\n`);
    return { status: 'sent', ref: { console: true } };
  },
  async updateAlert(runtime, _tenant, _ref, view) {
    // Printed lines can't be edited: print the new state once, as a short line.
    const message = alertMessage(view);
    terminalState(runtime).write(
      `  ↳ Alert #${view.alertId} (${view.lead.name}): ${message.context[0] ?? view.status}\n`,
    );
  },
};
