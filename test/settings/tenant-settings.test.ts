import { describe, expect, it } from 'vitest';
import { setSetting } from '../../core/settings/set-setting.ts';
import { readTenantSettings } from '../../core/settings/read-tenant-settings.ts';
import { parseSettingAssignment } from '../../core/settings/parse-setting-value.ts';
import { parseHours } from '../../core/settings/agent-settings.ts';
import { matchAlertPolicyOf } from '../../core/matching/tenant-matching.ts';

describe('TenantSettings', () => {
  it('fills every default an unconfigured team had before, in one place', () => {
    const { settings } = readTenantSettings({});
    expect(settings).toMatchObject({
      defaultCountry: 'US',
      delivery: { perHour: 10, perDay: 60, capExempt: ['critical'], criticalBreaksQuietHours: false },
      matching: { threshold: 70 },
      sms: { approveDrafts: false, twilioHandlesKeywords: false, replyWindowMinutes: 15 },
      ai: { enabled: false },
      alerts: { hotScore: 80 },
    });
    // matching.threshold still decides match alerts unless alerts.matchThreshold is set.
    expect(matchAlertPolicyOf(readTenantSettings({ matching: { threshold: 55 } }).settings).matchThreshold).toBe(55);
  });

  it('a misspelled key is an error naming it, with the key that was probably meant', () => {
    expect(() => setSetting({}, 'alerts.hotScroe', 85)).toThrow(
      'unknown setting "alerts.hotScroe" (did you mean "alerts.hotScore"?)',
    );
    expect(() => setSetting({}, 'matching.threshold', 120)).toThrow(/^matching\.threshold: /);
    expect(setSetting({ ai: { enabled: true } }, 'delivery.perHour', 5)).toEqual({
      ai: { enabled: true },
      delivery: { perHour: 5 },
    });
  });

  it('key=value reads JSON when it parses, else a string', () => {
    expect(parseSettingAssignment('delivery.perHour=10')).toEqual({ key: 'delivery.perHour', value: 10 });
    expect(parseSettingAssignment('helpText=Call 512-555-0100')).toEqual({
      key: 'helpText',
      value: 'Call 512-555-0100',
    });
  });

  it('a stored row with a bad value keeps working on that key’s default and says which', () => {
    const { settings, problems } = readTenantSettings({
      delivery: { perHour: 'lots', perDay: 40 },
      ai: { enabled: true },
    });
    expect(settings.delivery.perHour).toBe(10);
    expect(settings.delivery.perDay).toBe(40);
    expect(settings.ai.enabled).toBe(true);
    expect(problems).toEqual(['delivery.perHour']);
  });

  it('one stale ghlFieldMap entry costs only that entry, not the team’s other mappings', () => {
    const { settings, problems } = readTenantSettings({
      ghlFieldMap: { cf_budget: 'budgetMax', cf_old: 'noSuchColumn' },
      delivery: { perHuor: 5 },
    });
    expect(settings.ghlFieldMap).toEqual({ cf_budget: 'budgetMax' });
    expect(problems.sort()).toEqual(['delivery.perHuor', 'ghlFieldMap.cf_old']);
  });

  it('hours as people type them', () => {
    expect(parseHours('9-18')).toEqual(
      Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00', '18:00']])),
    );
    expect(parseHours('sat 10-14')).toEqual({ sat: ['10:00', '14:00'] });
  });
});
