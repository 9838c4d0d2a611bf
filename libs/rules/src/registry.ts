import { resolvePack, type RulePack } from './engine';
import { BEIJING_PACK } from './packs/beijing.pack';
import { GUANGDONG_PACK } from './packs/guangdong.pack';
import { NATIONAL_PACK, NATIONAL_SETTINGS } from './packs/national.pack';
import { PINGSHAN_PACK } from './packs/pingshan.pack';
import { SHENZHEN_PACK } from './packs/shenzhen.pack';
import { YIZHUANG_PACK } from './packs/yizhuang.pack';
import { type SettingKey, settingsReader, type SettingValue } from './settings';
import { type PermitKind } from './types';

/**
 * Jurisdictions that issue permits. The intermediate layers (CN-GD, CN-SZ, CN-BJ) are reachable through
 * `extends` and `allLayers()` but issue nothing themselves, so `packFor` does not hand them out.
 */
const PERMITTING_PACKS: readonly RulePack[] = [NATIONAL_PACK, YIZHUANG_PACK, PINGSHAN_PACK];

export class UnknownJurisdictionError extends Error {
  override readonly name = 'UnknownJurisdictionError';
  constructor(readonly jurisdiction: string) {
    super(
      `No rule pack for jurisdiction ${jurisdiction}; known: ${listPacks()
        .map((pack) => pack.jurisdiction)
        .join(', ')}`,
    );
  }
}

/** The rule pack of a permitting jurisdiction, e.g. CN-SZ-PINGSHAN; throws for an unknown code. */
export function packFor(jurisdiction: string): RulePack {
  const pack = PERMITTING_PACKS.find((candidate) => candidate.jurisdiction === jurisdiction);
  if (pack === undefined) throw new UnknownJurisdictionError(jurisdiction);
  return pack;
}

/** The packs of permitting jurisdictions, baseline first. */
export function listPacks(): RulePack[] {
  return [...PERMITTING_PACKS];
}

/** Every pack including the intermediate layers, so a spec can check that each one resolves. */
export function allLayers(): RulePack[] {
  return [NATIONAL_PACK, GUANGDONG_PACK, SHENZHEN_PACK, PINGSHAN_PACK, BEIJING_PACK, YIZHUANG_PACK];
}

/** One merged setting of a pack, for supervision checks (peak windows, report intervals) outside the rules. */
export function packSetting<T>(pack: RulePack, key: SettingKey<T>): SettingValue<T> {
  const resolved = resolvePack(pack);
  return settingsReader(resolved.settings, resolved.packVersion).read(key);
}

/**
 * The longest validity a permit of this kind may be issued for (CN-NAT-PERIOD; 18 months by default). The
 * small-vehicle texts name no ceiling, so the same setting caps them until they do.
 */
export function validityCapMonths(pack: RulePack, _kind: PermitKind): number {
  return packSetting(pack, NATIONAL_SETTINGS.maxPeriodMonths).value;
}
