/**
 * Rule engine for jurisdiction rule packs.
 *
 * Layering. A pack belongs to one jurisdiction and may extend another pack. Packs layer the way the
 * law does (RULES.md, introduction):
 *
 *   CN-NATIONAL ─┬─ CN-GD (Guangdong, GD-*) ── CN-SZ (Shenzhen, SZ-*) ── CN-SZ-PINGSHAN (PS-*, SEED-PS-*)
 *                └─ CN-BJ (Beijing city, BJ-*) ── CN-BJ-YIZHUANG (pilot zone, SEED-BJ-*)
 *
 * Nothing is copied between layers. Resolving a pack walks the chain from the baseline down:
 * - settings merge by key, so a lower layer replaces a value (GD sets the report interval to 3 months
 *   where the national default is 6) or adds its own (Beijing's 50 h of training);
 * - rules run in order: the baseline's rules first, each layer's additions after them; a layer may
 *   replace an inherited rule in place, or switch it off, through `overrides` keyed by the rule key
 *   (`id` or `id/check`), always with a reason (Beijing's BJ-19-INS replaces the national seat-insurance
 *   check because it adds the CNY 1M per volunteer the national text leaves open).
 * Assembly errors (a duplicate key, an override of a rule that is not inherited, a setting whose type
 * changes, a setting a rule reads but no layer defines) throw `RulePackError`; the specs resolve and run
 * every registered pack, so such a mistake fails the build rather than an application.
 *
 * Evaluation. `evaluate(pack, facts)` sorts the facts' lists into a canonical order (so the result does not
 * depend on the order the database returned vehicles, operators or documents), runs every rule that applies
 * to the permit kind and facts, and returns every result. `eligible` is true when every result passes;
 * `needs_evidence` (a document or fact is simply absent) blocks eligibility like `fail` (present but below
 * the threshold) does, but tells the applicant what to supply. `evaluatedAt` is `facts.now`: the clock is a
 * fact, so re-running stored facts gives the same evaluation.
 *
 * Versions. Each layer has a CalVer version `YYYY.MM.PATCH` (month of the catalogue it encodes; PATCH for
 * fixes within that month). `packVersion` is the local pack's `jurisdiction@version`, e.g.
 * `CN-SZ-PINGSHAN@2026.11.0`, and `packLayers` lists every layer's `jurisdiction@version`, baseline first,
 * so a stored evaluation names exactly the rules that produced it. Bump a layer's version whenever its
 * rules, settings or messages change, and bump the packs extending it too (their behaviour changed).
 *
 * Adding a jurisdiction.
 * 1. Add its rows to RULES.md first; every result cites a row's id, source and confidence.
 * 2. Create `packs/<name>.pack.ts` exporting a `RulePack` that `extends` the closest layer (a city for a
 *    district, a province for a city, CN-NATIONAL otherwise). Put values as settings, never constants:
 *    `isDefault: true` for anything RULES.md marks U, draft or "reuse as default", with the source saying
 *    where the value comes from. Rules read settings through `SettingKey`s and pass what they read in
 *    `uses`, so results list the defaults they relied on.
 * 3. Write rules with `defineRule`: one result per vehicle or operator (with `subject`) where the rule is
 *    per subject; messages in zh and en that state the threshold and the actual value.
 * 4. Register the pack in `registry.ts` and add a spec covering each threshold from both sides.
 */
import { type ResultBuilder, resultBuilder } from './results';
import { RulePackError, type SettingsReader, settingsReader } from './settings';
import {
  type Citation,
  type EligibilityFacts,
  type Evaluation,
  type LocalizedText,
  type PermitKind,
  type RuleResult,
  type Setting,
} from './types';

/** When a rule runs: the permit kinds it belongs to and, optionally, a condition on the facts. */
export interface RuleScope {
  kinds: readonly PermitKind[];
  /** e.g. only when passengers are carried, or only when vehicles are added to a permit. */
  when?: (facts: EligibilityFacts) => boolean;
}

export interface Rule {
  /** The RULES.md id every result carries, e.g. CN-NAT-DEMO-PREREQ. */
  id: string;
  /** Names one check when a RULES.md row yields several rules; the rule's key is then `id/check`. */
  check?: string;
  citation: Citation;
  /** What the rule checks, for pack listings shown to regulators. */
  summary: LocalizedText;
  appliesTo: RuleScope;
  evaluate(facts: EligibilityFacts, settings: SettingsReader): RuleResult | RuleResult[];
}

/** Replaces an inherited rule in place, or switches it off (`replacement: null`); the reason is kept. */
export interface RuleOverride {
  replacement: Rule | null;
  reason: string;
}

export interface RulePack {
  jurisdiction: string;
  /** CalVer `YYYY.MM.PATCH` of this layer. */
  version: string;
  title: LocalizedText;
  extends?: RulePack;
  /** Settings this layer introduces or whose inherited value it replaces (same key, same type). */
  settings: Readonly<Record<string, Setting<unknown>>>;
  /** Rules this layer adds; they run after the inherited ones. */
  rules: readonly Rule[];
  /** Inherited rules this layer replaces or switches off, by rule key. */
  overrides: Readonly<Record<string, RuleOverride>>;
}

/** A setting after merging, with the layer whose value won. */
export interface ResolvedSetting extends Setting<unknown> {
  definedBy: string;
}

export interface ResolvedRule {
  key: string;
  rule: Rule;
  /** The layer that added the rule, or that replaced it. */
  definedBy: string;
  /** Why the rule replaced an inherited one, when it did. */
  overrideReason?: string;
}

export interface ResolvedPack {
  jurisdiction: string;
  packVersion: string;
  /** `jurisdiction@version` of every layer, baseline first. */
  layers: string[];
  settings: Readonly<Record<string, ResolvedSetting>>;
  rules: readonly ResolvedRule[];
}

export interface RuleSpec extends Omit<Rule, 'evaluate'> {
  /** Like `Rule.evaluate`, with a result builder bound to the rule's id and citation. */
  evaluate(facts: EligibilityFacts, settings: SettingsReader, result: ResultBuilder): RuleResult | RuleResult[];
}

/** Creates a rule whose results all carry its id and citation. */
export function defineRule(spec: RuleSpec): Rule {
  const result = resultBuilder(spec.id, spec.citation, spec.check);
  return { ...spec, evaluate: (facts, settings) => spec.evaluate(facts, settings, result) };
}

export const ruleKey = (rule: Pick<Rule, 'id' | 'check'>): string =>
  rule.check === undefined ? rule.id : `${rule.id}/${rule.check}`;

export const layerName = (pack: Pick<RulePack, 'jurisdiction' | 'version'>): string =>
  `${pack.jurisdiction}@${pack.version}`;

function chainOf(pack: RulePack): RulePack[] {
  const chain: RulePack[] = [];
  for (let layer: RulePack | undefined = pack; layer !== undefined; layer = layer.extends) {
    if (chain.includes(layer)) throw new RulePackError(`${pack.jurisdiction}: extends chain loops`);
    chain.unshift(layer);
  }
  return chain;
}

function mergeSettings(chain: readonly RulePack[]): Record<string, ResolvedSetting> {
  const merged: Record<string, ResolvedSetting> = {};
  for (const layer of chain) {
    for (const [key, setting] of Object.entries(layer.settings)) {
      const inherited = merged[key];
      if (inherited !== undefined && typeof inherited.value !== typeof setting.value) {
        throw new RulePackError(`${layer.jurisdiction}: setting ${key} changes type from ${typeof inherited.value}`);
      }
      merged[key] = { ...setting, definedBy: layer.jurisdiction };
    }
  }
  return merged;
}

function mergeRules(chain: readonly RulePack[]): ResolvedRule[] {
  let resolved: ResolvedRule[] = [];
  for (const layer of chain) {
    for (const [key, override] of Object.entries(layer.overrides)) {
      const index = resolved.findIndex((entry) => entry.key === key);
      if (index < 0) throw new RulePackError(`${layer.jurisdiction}: override ${key} matches no inherited rule`);
      if (override.replacement === null) {
        resolved = resolved.filter((entry) => entry.key !== key);
        continue;
      }
      const replacementKey = ruleKey(override.replacement);
      if (replacementKey !== key && resolved.some((entry) => entry.key === replacementKey)) {
        throw new RulePackError(`${layer.jurisdiction}: replacement ${replacementKey} duplicates a rule`);
      }
      resolved[index] = {
        key: replacementKey,
        rule: override.replacement,
        definedBy: layer.jurisdiction,
        overrideReason: override.reason,
      };
    }
    for (const rule of layer.rules) {
      const key = ruleKey(rule);
      if (resolved.some((entry) => entry.key === key)) {
        throw new RulePackError(`${layer.jurisdiction}: rule ${key} is already defined; use overrides to replace it`);
      }
      resolved.push({ key, rule, definedBy: layer.jurisdiction });
    }
  }
  return resolved;
}

const resolvedPacks = new WeakMap<RulePack, ResolvedPack>();

/** The pack with every layer applied: merged settings and the ordered rule list. Packs are immutable, so cached. */
export function resolvePack(pack: RulePack): ResolvedPack {
  const cached = resolvedPacks.get(pack);
  if (cached) return cached;
  const chain = chainOf(pack);
  const resolved: ResolvedPack = {
    jurisdiction: pack.jurisdiction,
    packVersion: layerName(pack),
    layers: chain.map(layerName),
    settings: mergeSettings(chain),
    rules: mergeRules(chain),
  };
  resolvedPacks.set(pack, resolved);
  return resolved;
}

/** Orders by id, then by the whole record, so that equal inputs in any order give the same list. */
function canonicalOrder<T>(items: readonly T[], idOf: (item: T) => string = () => ''): T[] {
  const keyed = items.map((item) => ({ item, id: idOf(item), whole: JSON.stringify(item) }));
  keyed.sort((a, b) => compare(a.id, b.id) || compare(a.whole, b.whole));
  return keyed.map((entry) => entry.item);
}

const byId = (item: { id: string }): string => item.id;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A copy of the facts with every list in canonical order; rules never see the caller's order. */
export function canonicalFacts(facts: EligibilityFacts): EligibilityFacts {
  return {
    ...facts,
    requestedZones: canonicalOrder(facts.requestedZones, byId),
    conditions: { ...facts.conditions, scenes: [...facts.conditions.scenes].sort() },
    vehicles: canonicalOrder(
      facts.vehicles.map((vehicle) => ({ ...vehicle, priorPermits: canonicalOrder(vehicle.priorPermits) })),
      byId,
    ),
    operators: canonicalOrder(facts.operators, byId),
    remoteOperators: canonicalOrder(facts.remoteOperators, byId),
    documents: canonicalOrder(facts.documents, byId),
  };
}

/** Runs the pack's rules (baseline first, then each layer's additions and replacements) over the facts. */
export function evaluate(pack: RulePack, facts: EligibilityFacts): Evaluation {
  const resolved = resolvePack(pack);
  const ordered = canonicalFacts(facts);
  const settings = settingsReader(resolved.settings, resolved.packVersion);
  const results = resolved.rules
    .filter(({ rule }) => rule.appliesTo.kinds.includes(ordered.kind) && (rule.appliesTo.when?.(ordered) ?? true))
    .flatMap(({ rule }) => rule.evaluate(ordered, settings));
  return {
    jurisdiction: resolved.jurisdiction,
    packVersion: resolved.packVersion,
    packLayers: resolved.layers,
    kind: facts.kind,
    evaluatedAt: facts.now,
    eligible: results.every((result) => result.outcome === 'pass'),
    results,
  };
}
