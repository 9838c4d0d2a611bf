import { defineRule, type RulePack } from '../engine';
import { plain } from '../results';
import { numberSetting } from '../settings';
import { DOCUMENTS } from './citations';
import { requireDocument } from './checks';
import { GUANGDONG_PACK } from './guangdong.pack';

export const SHENZHEN_SETTINGS = {
  firstDriverlessApplicationVehicleCap: numberSetting('driverless.firstApplicationVehicleCap'),
} as const;

/**
 * SZ-RULES-2024D: the first driverless application is capped (draft 10, up from 5). A first application is
 * one from an enterprise that holds or held no driverless permit here and that does not add to a permit.
 */
const firstApplicationFleetCap = defineRule({
  id: 'SZ-RULES-2024D',
  check: 'first-driverless-fleet-cap',
  citation: { document: DOCUMENTS.shenzhenRulesDraft2024, confidence: 'S' },
  summary: {
    zh: '首次申请无人化的车辆数不超过上限',
    en: 'a first driverless application covers no more vehicles than the cap',
  },
  appliesTo: { kinds: ['DRIVERLESS_PILOT'] },
  evaluate: (facts, settings, result) => {
    const cap = settings.read(SHENZHEN_SETTINGS.firstDriverlessApplicationVehicleCap);
    const requested = facts.vehicles.length;
    const prior = facts.enterprise.priorDriverlessPermits;
    const first = facts.addingToPermit === undefined && prior === 0;
    const unknown = facts.addingToPermit === undefined && prior === undefined;
    const withinCap = requested <= cap.value;
    const history =
      facts.addingToPermit !== undefined
        ? { zh: '为既有通知书增加车辆', en: 'adds to an existing permit' }
        : prior === undefined
          ? { zh: '企业既往无人化通知书数量未知', en: 'prior driverless permits of the enterprise unknown' }
          : { zh: `企业既往无人化通知书 ${prior} 份`, en: `${prior} prior driverless permits of the enterprise` };
    return result({
      // The cap binds first applications only; when the history is unknown, only an over-cap request needs it.
      outcome: withinCap || !(first || unknown) ? 'pass' : first ? 'fail' : 'needs_evidence',
      uses: [cap],
      message: {
        zh: `申请车辆 ${requested} 辆，${history.zh}；首次申请要求不超过 ${plain(cap.value)} 辆`,
        en: `${requested} vehicles requested, ${history.en}; a first application needs ≤ ${plain(cap.value)} vehicles`,
      },
    });
  },
});

/** SZ-ORD-ACCESS: commercial transport needs a transport permit. */
const transportQualification = defineRule({
  id: 'SZ-ORD-ACCESS',
  check: 'transport-qualification',
  citation: { document: DOCUMENTS.shenzhenOrdinance, confidence: 'S' },
  summary: {
    zh: '收费运营须具备道路运输经营资质',
    en: 'fare-charging operation needs a transport operating qualification',
  },
  appliesTo: { kinds: ['MANNED_PILOT', 'DRIVERLESS_PILOT'], when: (facts) => facts.conditions.fares === true },
  evaluate: (facts, _settings, result) =>
    requireDocument(facts, result, 'TRANSPORT_OPERATING_QUALIFICATION', {
      zh: '收费运营（商业化运输）',
      en: 'fare-charging (commercial) transport',
    }),
});

/** Shenzhen city layer: the SEZ ordinance and the city's implementing rules (incl. the 2024 revision draft). */
export const SHENZHEN_PACK: RulePack = {
  jurisdiction: 'CN-SZ',
  version: '2026.11.0',
  title: { zh: '深圳市', en: 'Shenzhen' },
  extends: GUANGDONG_PACK,
  settings: {
    [SHENZHEN_SETTINGS.firstDriverlessApplicationVehicleCap.key]: {
      value: 10,
      isDefault: true,
      source: 'SZ-RULES-2024D: revision draft (2024-10) raises the first-time driverless cap from 5 to 10',
    },
  },
  rules: [firstApplicationFleetCap, transportQualification],
  overrides: {},
};
