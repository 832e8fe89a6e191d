import { describe, expect, it } from 'vitest';
import { rulesFileModalFor } from '../../bots/slack/rules-file-modals.ts';

describe('the rules-file forms a Slack command opens', () => {
  it('opens for `/rules simulate` and `/automations test` alone, with their days', () => {
    expect(rulesFileModalFor('/rules', 'simulate 14d')).toMatchObject({ modal: { verb: 'simulate' }, days: 14 });
    expect(rulesFileModalFor('/automations', ' test ')).toMatchObject({ modal: { verb: 'test' }, days: 30 });
  });

  it('stays shut for other commands, a command with a file, and a payload without text', () => {
    expect(rulesFileModalFor('/automations', 'simulate')).toBeNull();
    expect(rulesFileModalFor('/rules', 'simulate 30 https://files.slack.com/x.json')).toBeNull();
    expect(rulesFileModalFor('/webhook-collect', undefined)).toBeNull();
    expect(rulesFileModalFor('/rules', undefined)).toBeNull();
  });
});
