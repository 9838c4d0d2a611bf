import { type RulePack } from '../engine';
import { NATIONAL_PACK, NATIONAL_SETTINGS } from './national.pack';

/**
 * Guangdong provincial layer (粤工信规字〔2022〕4号). Its retrieved articles (GD-REPORT, GD-TERM) govern
 * supervision, not applications, so this layer changes settings only: quarterly reports instead of the
 * national default. It exists so that Shenzhen and its districts inherit the province the way the law does.
 */
export const GUANGDONG_PACK: RulePack = {
  jurisdiction: 'CN-GD',
  version: '2026.11.0',
  title: { zh: '广东省', en: 'Guangdong province' },
  extends: NATIONAL_PACK,
  settings: {
    [NATIONAL_SETTINGS.periodicReportIntervalMonths.key]: {
      value: 3,
      isDefault: false,
      source: 'GD-REPORT: 粤工信规字〔2022〕4号 Art.29, quarterly reports',
    },
  },
  rules: [],
  overrides: {},
};
