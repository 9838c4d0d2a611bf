import { defineRule, evaluate, resolvePack, type Rule, type RulePack } from './engine';
import { allLayers, listPacks, packFor, packSetting, UnknownJurisdictionError, validityCapMonths } from './registry';
import { numberSetting, RulePackError } from './settings';
import { factsFor, NOW, resultOf } from './testing/eligibility-facts.factory';
import { PERMIT_KINDS } from './types';
import { NATIONAL_SETTINGS } from './packs/national.pack';
import { YIZHUANG_SETTINGS } from './packs/yizhuang.pack';

const threshold = numberSetting('test.threshold');

/** A rule that passes when the vehicle count reaches the threshold setting. */
const fleetSize = (id: string, check?: string): Rule =>
  defineRule({
    id,
    check,
    citation: { document: 'Test document', confidence: 'U' },
    summary: { zh: '测试', en: 'test' },
    appliesTo: { kinds: ['ROAD_TEST'] },
    evaluate: (facts, settings, result) => {
      const min = settings.read(threshold);
      return result({
        outcome: facts.vehicles.length >= min.value ? 'pass' : 'fail',
        uses: [min],
        message: { zh: `${facts.vehicles.length} ≥ ${min.value}`, en: `${facts.vehicles.length} ≥ ${min.value}` },
      });
    },
  });

const base: RulePack = {
  jurisdiction: 'TEST-BASE',
  version: '2026.11.0',
  title: { zh: '基线', en: 'Base' },
  settings: { [threshold.key]: { value: 1, isDefault: false, source: 'test' } },
  rules: [fleetSize('T-1'), fleetSize('T-2')],
  overrides: {},
};

const local = (changes: Partial<RulePack>): RulePack => ({
  jurisdiction: 'TEST-LOCAL',
  version: '2026.11.3',
  title: { zh: '地方', en: 'Local' },
  extends: base,
  settings: {},
  rules: [],
  overrides: {},
  ...changes,
});

describe('layering', () => {
  it('runs the baseline rules first and the local additions after them', () => {
    const pack = local({ rules: [fleetSize('T-3')] });
    expect(resolvePack(pack).rules.map((entry) => `${entry.key}@${entry.definedBy}`)).toEqual([
      'T-1@TEST-BASE',
      'T-2@TEST-BASE',
      'T-3@TEST-LOCAL',
    ]);
  });

  it('lets a local setting replace the baseline value for every inherited rule, and flags defaults', () => {
    const pack = local({ settings: { [threshold.key]: { value: 3, isDefault: true, source: 'draft' } } });
    const evaluation = evaluate(pack, factsFor('ROAD_TEST'));
    expect(evaluation.results.map((result) => result.outcome)).toEqual(['fail', 'fail']);
    expect(evaluation.results[0].defaultsUsed).toEqual([threshold.key]);
    expect(evaluation.results[0].message.en).toContain('pending the official text');
    expect(evaluate(base, factsFor('ROAD_TEST')).results[0].defaultsUsed).toBeUndefined();
  });

  it('replaces an inherited rule in place and records why', () => {
    const pack = local({ overrides: { 'T-1': { replacement: fleetSize('L-1'), reason: 'stricter locally' } } });
    const rules = resolvePack(pack).rules;
    expect(rules.map((entry) => entry.key)).toEqual(['L-1', 'T-2']);
    expect(rules[0]).toMatchObject({ definedBy: 'TEST-LOCAL', overrideReason: 'stricter locally' });
  });

  it('switches an inherited rule off with a null replacement', () => {
    const pack = local({ overrides: { 'T-2': { replacement: null, reason: 'not applicable locally' } } });
    expect(evaluate(pack, factsFor('ROAD_TEST')).results.map((result) => result.ruleId)).toEqual(['T-1']);
  });

  it('keys rules by id and check, so one RULES.md row can yield several rules', () => {
    const pack = local({ rules: [fleetSize('T-1', 'second')] });
    expect(resolvePack(pack).rules.map((entry) => entry.key)).toEqual(['T-1', 'T-2', 'T-1/second']);
    expect(evaluate(pack, factsFor('ROAD_TEST')).results[2]).toMatchObject({ ruleId: 'T-1', check: 'second' });
  });

  it.each([
    ['an added rule that duplicates an inherited one', local({ rules: [fleetSize('T-1')] }), /already defined/],
    [
      'an override of a rule that is not inherited',
      local({ overrides: { 'T-9': { replacement: null, reason: 'x' } } }),
      /matches no inherited rule/,
    ],
    [
      'a setting whose type changes',
      local({ settings: { [threshold.key]: { value: '3', isDefault: false, source: 'x' } } }),
      /changes type/,
    ],
  ])('rejects %s', (_name, pack, message) => {
    expect(() => resolvePack(pack)).toThrow(RulePackError);
    expect(() => resolvePack(pack)).toThrow(message);
  });

  it('fails loudly when a rule reads a setting no layer defines', () => {
    const pack: RulePack = { ...base, jurisdiction: 'TEST-EMPTY', settings: {} };
    expect(() => evaluate(pack, factsFor('ROAD_TEST'))).toThrow(/test.threshold is not defined/);
  });
});

describe('evaluate', () => {
  it('stores the local pack version, every layer, the kind and the clock of the facts', () => {
    const evaluation = evaluate(local({}), factsFor('ROAD_TEST'));
    expect(evaluation).toMatchObject({
      jurisdiction: 'TEST-LOCAL',
      packVersion: 'TEST-LOCAL@2026.11.3',
      packLayers: ['TEST-BASE@2026.11.0', 'TEST-LOCAL@2026.11.3'],
      kind: 'ROAD_TEST',
      evaluatedAt: NOW,
      eligible: true,
    });
  });

  it('runs only the rules of the permit kind applied for', () => {
    expect(evaluate(base, factsFor('MANNED_PILOT')).results).toEqual([]);
  });

  it('is eligible only when every result passes; needs_evidence blocks like fail', () => {
    const pack = packFor('CN-NATIONAL');
    const facts = factsFor('ROAD_TEST');
    expect(evaluate(pack, facts).eligible).toBe(true);
    const unverified = evaluate(pack, { ...facts, enterprise: { ...facts.enterprise, verified: false } });
    expect(resultOf(unverified, 'CN-NAT-ENTITY-TEST/legal-entity').outcome).toBe('needs_evidence');
    expect(unverified.eligible).toBe(false);
  });

  it('stores the real packs as jurisdiction@CalVer with their layers', () => {
    expect(evaluate(packFor('CN-SZ-PINGSHAN'), factsFor('ROAD_TEST', 'CN-SZ-PINGSHAN'))).toMatchObject({
      packVersion: 'CN-SZ-PINGSHAN@2026.11.0',
      packLayers: ['CN-NATIONAL@2026.11.0', 'CN-GD@2026.11.0', 'CN-SZ@2026.11.0', 'CN-SZ-PINGSHAN@2026.11.0'],
    });
    expect(evaluate(packFor('CN-BJ-YIZHUANG'), factsFor('ROAD_TEST', 'CN-BJ-YIZHUANG')).packLayers).toEqual([
      'CN-NATIONAL@2026.11.0',
      'CN-BJ@2026.11.0',
      'CN-BJ-YIZHUANG@2026.11.0',
    ]);
  });
});

describe('registry', () => {
  it('hands out the permitting jurisdictions and throws for unknown codes', () => {
    expect(listPacks().map((pack) => pack.jurisdiction)).toEqual(['CN-NATIONAL', 'CN-BJ-YIZHUANG', 'CN-SZ-PINGSHAN']);
    expect(packFor('CN-BJ-YIZHUANG').jurisdiction).toBe('CN-BJ-YIZHUANG');
    expect(() => packFor('CN-SH-JIADING')).toThrow(UnknownJurisdictionError);
    expect(() => packFor('CN-SZ')).toThrow(/known: CN-NATIONAL, CN-BJ-YIZHUANG, CN-SZ-PINGSHAN/);
  });

  it.each(allLayers().map((pack) => [pack.jurisdiction, pack] as const))(
    '%s resolves, and every rule carries a RULES.md id, a citation and a bilingual summary',
    (_code, pack) => {
      const resolved = resolvePack(pack);
      expect(resolved.rules.length).toBeGreaterThan(0);
      for (const { rule } of resolved.rules) {
        expect(rule.id).toMatch(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/);
        expect(rule.citation.document.length).toBeGreaterThan(0);
        expect(rule.summary.zh.length).toBeGreaterThan(0);
        expect(rule.summary.en.length).toBeGreaterThan(0);
      }
      for (const setting of Object.values(resolved.settings)) expect(setting.source.length).toBeGreaterThan(0);
    },
  );

  it.each(listPacks().flatMap((pack) => PERMIT_KINDS.map((kind) => [pack.jurisdiction, kind] as const)))(
    '%s finds the factory facts for %s eligible (every rule runs and passes)',
    (jurisdiction, kind) => {
      const evaluation = evaluate(packFor(jurisdiction), factsFor(kind, jurisdiction));
      expect(evaluation.results.filter((result) => result.outcome !== 'pass')).toEqual([]);
      expect(evaluation.eligible).toBe(true);
    },
  );

  it('exposes settings to supervision: validity cap, report interval and Beijing peak windows', () => {
    expect(validityCapMonths(packFor('CN-SZ-PINGSHAN'), 'ROAD_TEST')).toBe(18);
    expect(packSetting(packFor('CN-NATIONAL'), NATIONAL_SETTINGS.periodicReportIntervalMonths)).toEqual({
      key: 'report.periodicIntervalMonths',
      value: 6,
      isDefault: true,
    });
    // Guangdong's quarterly reports replace the national default for Pingshan; Beijing keeps the national one.
    expect(packSetting(packFor('CN-SZ-PINGSHAN'), NATIONAL_SETTINGS.periodicReportIntervalMonths)).toMatchObject({
      value: 3,
      isDefault: false,
    });
    expect(packSetting(packFor('CN-BJ-YIZHUANG'), NATIONAL_SETTINGS.periodicReportIntervalMonths).value).toBe(6);
    expect(packSetting(packFor('CN-BJ-YIZHUANG'), YIZHUANG_SETTINGS.driverlessPeakWindows)).toMatchObject({
      value: {
        timeZone: 'Asia/Shanghai',
        windows: [
          { from: '07:00', to: '09:00' },
          { from: '17:00', to: '19:00' },
        ],
      },
      isDefault: true,
    });
    expect(() => packSetting(packFor('CN-SZ-PINGSHAN'), YIZHUANG_SETTINGS.driverlessPeakWindows)).toThrow(
      RulePackError,
    );
  });
});
