import { defineRule, type RulePack } from '../engine';
import { dailyWindowsSetting } from '../settings';
import { DOCUMENTS } from './citations';
import { requireDocument } from './checks';
import { BEIJING_PACK } from './beijing.pack';

export const YIZHUANG_SETTINGS = {
  // Supervision setting: driverless testing is not allowed in these windows (SEED-BJ-DL, BJ-DL-HOURS).
  driverlessPeakWindows: dailyWindowsSetting('driverless.peakWindows'),
} as const;

/** SEED-BJ-DL: a cybersecurity test is a mandatory precondition of driverless testing in the pilot zone. */
const cybersecurityTest = defineRule({
  id: 'SEED-BJ-DL',
  check: 'cybersecurity-test',
  // From the project's own source documents, which RULES.md treats as authoritative.
  citation: { document: DOCUMENTS.beijingDriverless2022, confidence: 'C' },
  summary: { zh: '无人化测试须先通过网络安全测试', en: 'driverless testing needs a passed cybersecurity test first' },
  appliesTo: { kinds: ['DRIVERLESS_PILOT'] },
  evaluate: (facts, _settings, result) =>
    requireDocument(facts, result, 'CYBERSECURITY_TEST', {
      zh: '政策先行区无人化测试',
      en: 'driverless testing in the policy pilot zone',
    }),
});

/** Beijing high-level autonomous driving demonstration zone (Yizhuang policy pilot zone). */
export const YIZHUANG_PACK: RulePack = {
  jurisdiction: 'CN-BJ-YIZHUANG',
  version: '2026.11.0',
  title: { zh: '北京市高级别自动驾驶示范区（亦庄政策先行区）', en: 'Beijing Yizhuang policy pilot zone' },
  extends: BEIJING_PACK,
  settings: {
    [YIZHUANG_SETTINGS.driverlessPeakWindows.key]: {
      value: {
        timeZone: 'Asia/Shanghai',
        windows: [
          { from: '07:00', to: '09:00' },
          { from: '17:00', to: '19:00' },
        ],
      },
      isDefault: true,
      source: 'SEED-BJ-DL / BJ-DL-HOURS: no driverless testing in the peaks; exact windows unconfirmed',
    },
  },
  rules: [cybersecurityTest],
  overrides: {},
};
