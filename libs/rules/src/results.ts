import { type SettingValue } from './settings';
import { type Citation, type DocumentType, type LocalizedText, type RuleOutcome, type RuleResult } from './types';

/** What a rule says about one subject; the builder adds the rule id, citation and default flags. */
export interface ResultDraft {
  outcome: RuleOutcome;
  /** The sentence in both languages, stating threshold and actual value; the rule id is appended. */
  message: LocalizedText;
  subject?: RuleResult['subject'];
  /** Every setting the outcome depended on; the defaults among them become `defaultsUsed`. */
  uses?: readonly SettingValue<unknown>[];
  /** Facts from cross-jurisdiction recognition that the outcome counted. */
  recognizedFacts?: readonly string[];
}

export type ResultBuilder = (draft: ResultDraft) => RuleResult;

const DEFAULT_NOTE: LocalizedText = {
  zh: '［含默认值，待官方文本确认］',
  en: ' [uses default values pending the official text]',
};

/** Builds results for one rule so that every result carries the same id and citation. */
export function resultBuilder(ruleId: string, citation: Citation, check?: string): ResultBuilder {
  return (draft) => {
    const defaultsUsed = [
      ...new Set((draft.uses ?? []).filter((used) => used.isDefault).map((used) => used.key)),
    ].sort();
    const note = defaultsUsed.length > 0 ? DEFAULT_NOTE : { zh: '', en: '' };
    const result: RuleResult = {
      ruleId,
      ...(check === undefined ? {} : { check }),
      outcome: draft.outcome,
      message: {
        zh: `${draft.message.zh}（${ruleId}）${note.zh}`,
        en: `${draft.message.en} (${ruleId})${note.en}`,
      },
      citation,
    };
    if (draft.subject) result.subject = draft.subject;
    if (defaultsUsed.length > 0) result.defaultsUsed = defaultsUsed;
    if (draft.recognizedFacts && draft.recognizedFacts.length > 0) result.recognizedFacts = [...draft.recognizedFacts];
    return result;
  };
}

const SEVERITY: Record<RuleOutcome, number> = { pass: 0, needs_evidence: 1, fail: 2 };

/** Outcome of conditions that must all hold: the worst one (fail > needs_evidence > pass). */
export function allOf(...outcomes: RuleOutcome[]): RuleOutcome {
  return outcomes.reduce<RuleOutcome>((worst, next) => (SEVERITY[next] > SEVERITY[worst] ? next : worst), 'pass');
}

/** Outcome of alternatives of which one suffices: the best one (pass > needs_evidence > fail). */
export function anyOf(...outcomes: RuleOutcome[]): RuleOutcome {
  return outcomes.reduce<RuleOutcome>((best, next) => (SEVERITY[next] < SEVERITY[best] ? next : best), 'fail');
}

/** A measured value with one decimal, as the messages show actual km and hours ("812.4 km"). */
export const oneDecimal = (value: number): string => value.toFixed(1);

/** An English count with its noun ("1 day", "18 months"). */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** A threshold as written in the rule ("1000", "3.5"). */
export const plain = (value: number): string => String(value);

/** CNY with thousands separators ("CNY 5,000,000"); formatted by hand so output does not depend on ICU data. */
export function cny(amount: number): string {
  const [whole, fraction] = String(amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `CNY ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

export const DOCUMENT_LABELS: Record<DocumentType, LocalizedText> = {
  COMPULSORY_INSURANCE: { zh: '交强险', en: 'compulsory traffic insurance' },
  LIABILITY_INSURANCE: { zh: '交通事故责任保险', en: 'traffic-accident liability insurance' },
  GUARANTEE_LETTER: { zh: '赔偿保函', en: 'compensation guarantee letter' },
  SEAT_INSURANCE: { zh: '座位险及人身意外险', en: 'seat and personal-accident insurance' },
  CLOSED_FIELD_REPORT: { zh: '封闭测试报告', en: 'closed-field test report' },
  CYBERSECURITY_ASSESSMENT: { zh: '网络安全风险评估', en: 'cybersecurity risk assessment' },
  CYBERSECURITY_TEST: { zh: '网络安全测试', en: 'cybersecurity test' },
  THIRD_PARTY_REVIEWED_PLAN: { zh: '经第三方评审的示范应用方案', en: 'third-party-reviewed demonstration plan' },
  SAFETY_PLAN: { zh: '运输安全保障方案', en: 'transport safety plan' },
  EVALUATION_PROCEDURE: { zh: '自动驾驶功能测试评价规程', en: 'test-evaluation procedure' },
  REMOTE_MONITORING_CAPABILITY: { zh: '远程实时监控能力证明', en: 'proof of real-time remote monitoring' },
  EVENT_RECORDING_CAPABILITY: {
    zh: '事件记录、分析和重现能力证明',
    en: 'proof of event recording, analysis and replay',
  },
  LAW_ENFORCEMENT_INTERACTION_PLAN: { zh: '执法交互方案', en: 'law-enforcement interaction plan' },
  TRANSPORT_OPERATING_QUALIFICATION: { zh: '道路运输经营资质', en: 'transport operating qualification' },
};
