export * from './types';
export {
  canonicalFacts,
  defineRule,
  evaluate,
  layerName,
  resolvePack,
  ruleKey,
  type ResolvedPack,
  type ResolvedRule,
  type ResolvedSetting,
  type Rule,
  type RuleOverride,
  type RulePack,
  type RuleScope,
  type RuleSpec,
} from './engine';
export {
  dailyWindowsSetting,
  numberSetting,
  RulePackError,
  stringSetting,
  type DailyWindows,
  type SettingKey,
  type SettingsReader,
  type SettingValue,
  type TimeWindow,
} from './settings';
export { lastDayOfCalendarMonths } from './facts';
export { type ResultBuilder, type ResultDraft } from './results';
export { allLayers, listPacks, packFor, packSetting, UnknownJurisdictionError, validityCapMonths } from './registry';
export { NATIONAL_PACK, NATIONAL_SETTINGS } from './packs/national.pack';
export { GUANGDONG_PACK } from './packs/guangdong.pack';
export { SHENZHEN_PACK, SHENZHEN_SETTINGS } from './packs/shenzhen.pack';
export { PINGSHAN_PACK, PINGSHAN_SETTINGS } from './packs/pingshan.pack';
export { BEIJING_PACK, BEIJING_SETTINGS } from './packs/beijing.pack';
export { YIZHUANG_PACK, YIZHUANG_SETTINGS } from './packs/yizhuang.pack';
