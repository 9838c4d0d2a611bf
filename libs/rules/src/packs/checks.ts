import { documentsOfType } from '../facts';
import { counted, DOCUMENT_LABELS, type ResultBuilder } from '../results';
import { type SettingValue } from '../settings';
import {
  type DocumentType,
  type EligibilityFacts,
  type LocalizedText,
  type OperatorFact,
  type RuleResult,
} from '../types';

/** One application-level document that must be present and current; absent means needs_evidence. */
export function requireDocument(
  facts: EligibilityFacts,
  result: ResultBuilder,
  type: DocumentType,
  requiredBecause: LocalizedText,
): RuleResult {
  const found = documentsOfType(facts, type);
  const label = DOCUMENT_LABELS[type];
  return result({
    outcome: found.length > 0 ? 'pass' : 'needs_evidence',
    subject: found.length > 0 ? { type: 'document', id: found[0].id } : undefined,
    message: {
      zh: `${label.zh}${found.length > 0 ? '已提交' : '缺失或已过期'}；因${requiredBecause.zh}须提交`,
      en: `${label.en} ${found.length > 0 ? 'present' : 'missing or expired'}; required for ${requiredBecause.en}`,
    },
  });
}

/** Officers who may count towards a ratio: qualified for remote operation. */
export const qualifiedRemoteOfficers = (officers: readonly OperatorFact[]): OperatorFact[] =>
  officers.filter((officer) => officer.remoteQualified);

/**
 * Remote safety officers against vehicles: `officers × vehiclesPerOfficer ≥ vehicles`. No officer declared
 * is missing evidence; too few declared is a fail.
 */
export function remoteOfficerRatio(
  facts: EligibilityFacts,
  result: ResultBuilder,
  vehicleCount: number,
  vehiclesPerOfficer: SettingValue<number>,
  vehicleNoun: LocalizedText,
): RuleResult {
  const qualified = qualifiedRemoteOfficers(facts.remoteOperators).length;
  const needed = Math.ceil(vehicleCount / vehiclesPerOfficer.value);
  const outcome = qualified >= needed ? 'pass' : facts.remoteOperators.length === 0 ? 'needs_evidence' : 'fail';
  const ratio = `1:${vehiclesPerOfficer.value}`;
  return result({
    outcome,
    uses: [vehiclesPerOfficer],
    message: {
      zh: `合格远程安全员 ${qualified} 名，对应${vehicleNoun.zh} ${vehicleCount} 辆；要求远程安全员与车辆之比不低于 ${ratio}，即至少 ${needed} 名`,
      en: `${counted(qualified, 'qualified remote safety officer')} for ${vehicleCount} ${vehicleNoun.en}, needs a ratio of at least ${ratio}, i.e. ≥ ${needed}`,
    },
  });
}
