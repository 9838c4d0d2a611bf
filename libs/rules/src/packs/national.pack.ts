import { defineRule, type RulePack } from '../engine';
import {
  addCalendarMonths,
  datePart,
  documentsCovering,
  documentsOfType,
  monthsAndDays,
  permitsHeld,
  vehicleLabel,
} from '../facts';
import { allOf, anyOf, cny, counted, DOCUMENT_LABELS, oneDecimal, plain } from '../results';
import { numberSetting } from '../settings';
import { type DocumentType, type LocalizedText, type OperatorFact, PERMIT_KINDS, type RuleOutcome } from '../types';
import { DOCUMENTS } from './citations';
import { remoteOfficerRatio, requireDocument } from './checks';

/** Setting keys of the national baseline; local packs override values under the same keys. */
export const NATIONAL_SETTINGS = {
  minLiabilityCoverCny: numberSetting('insurance.minLiabilityCoverCnyPerVehicle'),
  minDrivingYears: numberSetting('operator.minDrivingYears'),
  maxPeriodMonths: numberSetting('period.maxMonths'),
  demoMinAutonomousKm: numberSetting('demo.minAutonomousKm'),
  demoMinAutonomousHours: numberSetting('demo.minAutonomousHours'),
  maxL5VehiclesPerRemoteOfficer: numberSetting('remote.maxL5VehiclesPerOfficer'),
  smallVehicleMaxSpeedKmh: numberSetting('smallVehicle.maxSpeedKmh'),
  smallVehicleMaxLengthM: numberSetting('smallVehicle.maxLengthM'),
  smallVehicleMaxWidthM: numberSetting('smallVehicle.maxWidthM'),
  smallVehicleMaxHeightM: numberSetting('smallVehicle.maxHeightM'),
  // Supervision settings: read by the supervision checks, not by application rules.
  periodicReportIntervalMonths: numberSetting('report.periodicIntervalMonths'),
  finalReportWithinMonths: numberSetting('report.finalReportWithinMonths'),
  incidentReportDeadlineHours: numberSetting('incident.reportDeadlineHours'),
  incidentPreEventSeconds: numberSetting('incident.preEventSeconds'),
  incidentPostEventSeconds: numberSetting('incident.postEventSeconds'),
} as const;

const ON_ROAD_KINDS = ['ROAD_TEST', 'MANNED_PILOT', 'DRIVERLESS_PILOT'] as const;
const DEMONSTRATION_KINDS = ['MANNED_PILOT', 'DRIVERLESS_PILOT'] as const;

const vehicleSubject = (id: string) => ({ type: 'vehicle', id }) as const;
const operatorSubject = (id: string) => ({ type: 'operator', id }) as const;

const labelList = (types: readonly DocumentType[], language: keyof LocalizedText): string =>
  types.map((type) => DOCUMENT_LABELS[type][language]).join(language === 'zh' ? '、' : ', ');

/**
 * CN-NAT-ENTITY-TEST item (1): a verified PRC legal entity. Applied to every kind: the small-vehicle texts
 * (BJ-DELIV, PS-DOCS) were not retrieved, and an operator of remotely monitored vehicles needs the same footing.
 */
const legalEntity = defineRule({
  id: 'CN-NAT-ENTITY-TEST',
  check: 'legal-entity',
  citation: { document: DOCUMENTS.national, article: 'Art.5', confidence: 'S' },
  summary: { zh: '主体为经核验的境内独立法人', en: 'the entity is a verified legal entity registered in the PRC' },
  appliesTo: { kinds: PERMIT_KINDS },
  evaluate: (facts, _settings, result) => {
    const { verified, creditCode } = facts.enterprise;
    return result({
      outcome: verified ? 'pass' : 'needs_evidence',
      subject: { type: 'enterprise', id: facts.enterprise.id },
      message: {
        zh: `企业（统一社会信用代码 ${creditCode}）${verified ? '已核验' : '尚未核验'}；要求经核验的境内独立法人`,
        en: `enterprise ${creditCode} is ${verified ? 'verified' : 'not yet verified'}; needs a verified legal entity registered in the PRC`,
      },
    });
  },
});

// Items (4)–(6) of Art.5; item (7), protection against network attacks, is judged by CN-NAT-CYBER.
const CAPABILITY_DOCUMENTS: readonly DocumentType[] = [
  'EVALUATION_PROCEDURE',
  'REMOTE_MONITORING_CAPABILITY',
  'EVENT_RECORDING_CAPABILITY',
];

/** CN-NAT-ENTITY-TEST items (4)–(6): evaluation procedure, remote monitoring, event recording and replay. */
const capabilities = defineRule({
  id: 'CN-NAT-ENTITY-TEST',
  check: 'capabilities',
  citation: { document: DOCUMENTS.national, article: 'Art.5', confidence: 'S' },
  summary: {
    zh: '具备测试评价规程、远程实时监控和事件记录分析重现能力',
    en: 'a test-evaluation procedure, real-time remote monitoring, and event recording, analysis and replay',
  },
  appliesTo: { kinds: PERMIT_KINDS },
  evaluate: (facts, _settings, result) => {
    const missing = CAPABILITY_DOCUMENTS.filter((type) => documentsOfType(facts, type).length === 0);
    const present = CAPABILITY_DOCUMENTS.length - missing.length;
    return result({
      outcome: missing.length === 0 ? 'pass' : 'needs_evidence',
      subject: { type: 'enterprise', id: facts.enterprise.id },
      message: {
        zh: `能力证明材料 ${present}/${CAPABILITY_DOCUMENTS.length} 份${missing.length > 0 ? `（缺：${labelList(missing, 'zh')}）` : ''}；要求${labelList(CAPABILITY_DOCUMENTS, 'zh')}齐全`,
        en: `capability documents ${present} of ${CAPABILITY_DOCUMENTS.length}${missing.length > 0 ? ` (missing: ${labelList(missing, 'en')})` : ''}; needs all of: ${labelList(CAPABILITY_DOCUMENTS, 'en')}`,
      },
    });
  },
});

/** CN-NAT-INS: compulsory insurance and ≥ CNY 5M liability cover or guarantee letter, per vehicle. */
const liabilityInsurance = defineRule({
  id: 'CN-NAT-INS',
  check: 'liability',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.18(6)', confidence: 'S' },
  summary: {
    zh: '每车交强险，以及不低于规定金额的交通事故责任保险或赔偿保函',
    en: 'per vehicle: compulsory insurance plus liability insurance or a guarantee letter of at least the set amount',
  },
  appliesTo: { kinds: ON_ROAD_KINDS },
  evaluate: (facts, settings, result) => {
    const minCover = settings.read(NATIONAL_SETTINGS.minLiabilityCoverCny);
    return facts.vehicles.map((vehicle) => {
      const hasCompulsory = documentsCovering(facts, vehicle, ['COMPULSORY_INSURANCE']).length > 0;
      const coverDocuments = documentsCovering(facts, vehicle, ['LIABILITY_INSURANCE', 'GUARANTEE_LETTER']);
      const amounts = coverDocuments.flatMap((doc) => (doc.amountCny === undefined ? [] : [doc.amountCny]));
      // Insurance and a guarantee letter are alternatives: the larger cover decides.
      const bestCover = amounts.length > 0 ? Math.max(...amounts) : undefined;
      const coverOutcome: RuleOutcome =
        bestCover === undefined ? 'needs_evidence' : bestCover >= minCover.value ? 'pass' : 'fail';
      const cover: LocalizedText =
        bestCover !== undefined
          ? { zh: cny(bestCover), en: cny(bestCover) }
          : coverDocuments.length > 0
            ? { zh: '未注明金额', en: 'without an amount' }
            : { zh: '缺失', en: 'missing' };
      return result({
        outcome: allOf(hasCompulsory ? 'pass' : 'needs_evidence', coverOutcome),
        subject: vehicleSubject(vehicle.id),
        uses: [minCover],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：交强险${hasCompulsory ? '已投保' : '缺失'}，责任保险或赔偿保函 ${cover.zh}；要求交强险及每车不低于 ${cny(minCover.value)}`,
          en: `vehicle ${vehicleLabel(vehicle)}: compulsory insurance ${hasCompulsory ? 'present' : 'missing'}, liability insurance or guarantee letter ${cover.en}; needs compulsory insurance and ≥ ${cny(minCover.value)} per vehicle`,
        },
      });
    });
  },
});

/** CN-NAT-INS: seat and personal-accident insurance when passengers are carried (no national amount). */
const seatInsurance = defineRule({
  id: 'CN-NAT-INS',
  check: 'seat',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.18(6)', confidence: 'S' },
  summary: {
    zh: '载人时每车投保座位险及乘客人身意外险',
    en: 'when carrying passengers: seat and personal-accident insurance per vehicle',
  },
  appliesTo: { kinds: ON_ROAD_KINDS, when: (facts) => facts.conditions.passengers },
  evaluate: (facts, _settings, result) =>
    facts.vehicles.map((vehicle) => {
      const present = documentsCovering(facts, vehicle, ['SEAT_INSURANCE']).length > 0;
      return result({
        outcome: present ? 'pass' : 'needs_evidence',
        subject: vehicleSubject(vehicle.id),
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：座位险及人身意外险${present ? '已投保' : '缺失'}；载人须投保`,
          en: `vehicle ${vehicleLabel(vehicle)}: seat and personal-accident insurance ${present ? 'present' : 'missing'}; needed when carrying passengers`,
        },
      });
    }),
});

const DECLARATIONS: readonly { holds: (operator: OperatorFact) => boolean; label: LocalizedText }[] = [
  {
    holds: (operator) => operator.noFullScoreInLastThreeCycles,
    label: { zh: '近 3 个记分周期无满 12 分记录', en: 'no full 12-point score in the last 3 scoring cycles' },
  },
  {
    holds: (operator) => operator.noDrinkOrDrugDriving,
    label: { zh: '无饮酒、醉酒或吸毒后驾驶记录', en: 'no drink or drug driving' },
  },
  {
    holds: (operator) => operator.noSeriousAtFaultAccident,
    label: { zh: '无致人死亡或重伤的有责事故', en: 'no at-fault accident causing death or serious injury' },
  },
  {
    holds: (operator) => operator.noSeriousViolationLastYear,
    label: { zh: '近一年无严重交通违法', en: 'no serious traffic violation in the last year' },
  },
];

/** CN-NAT-DRIVER: each on-board or on-site safety operator. */
const safetyOperators = defineRule({
  id: 'CN-NAT-DRIVER',
  citation: { document: DOCUMENTS.national, confidence: 'S' },
  summary: {
    zh: '每名安全员驾龄不少于规定年限、无不良记录声明、经培训',
    en: 'each safety operator: driving years at least the set minimum, clean-record declarations, training certificate',
  },
  appliesTo: { kinds: ON_ROAD_KINDS },
  evaluate: (facts, settings, result) => {
    const minYears = settings.read(NATIONAL_SETTINGS.minDrivingYears);
    if (facts.operators.length === 0) {
      // Driverless applications may have no one on board; the other kinds need someone able to take over.
      if (facts.kind === 'DRIVERLESS_PILOT') return [];
      return [
        result({
          outcome: 'needs_evidence',
          uses: [minYears],
          message: {
            zh: `未申报安全员（0 名）；要求至少 1 名驾龄不少于 ${plain(minYears.value)} 年的安全员`,
            en: `no safety operator declared (0); needs at least 1 with ≥ ${plain(minYears.value)} years of driving`,
          },
        }),
      ];
    }
    return facts.operators.map((operator) => {
      const unmet = DECLARATIONS.filter((declaration) => !declaration.holds(operator));
      const outcome = allOf(
        operator.drivingYears >= minYears.value ? 'pass' : 'fail',
        unmet.length === 0 ? 'pass' : 'fail',
        operator.hasTrainingCertificate ? 'pass' : 'needs_evidence',
      );
      const declarations: LocalizedText =
        unmet.length === 0
          ? { zh: '无不良记录声明均满足', en: 'all clean-record declarations met' }
          : {
              zh: `不满足：${unmet.map((d) => d.label.zh).join('、')}`,
              en: `declarations not met: ${unmet.map((d) => d.label.en).join(', ')}`,
            };
      return result({
        outcome,
        subject: operatorSubject(operator.id),
        uses: [minYears],
        message: {
          zh: `安全员 ${operator.id}：驾龄 ${operator.drivingYears} 年（要求 ≥ ${plain(minYears.value)} 年）；${declarations.zh}；培训证明${operator.hasTrainingCertificate ? '已提交' : '缺失'}`,
          en: `operator ${operator.id}: ${operator.drivingYears} years of driving, needs ≥ ${plain(minYears.value)}; ${declarations.en}; training certificate ${operator.hasTrainingCertificate ? 'present' : 'missing'}`,
        },
      });
    });
  },
});

/** CN-NAT-CLOSED: a passed closed-field report per vehicle before road testing. */
const closedField = defineRule({
  id: 'CN-NAT-CLOSED',
  citation: { document: DOCUMENTS.national, confidence: 'C' },
  summary: { zh: '每车道路测试前完成封闭场地测试', en: 'per vehicle: passed closed-field testing before road testing' },
  appliesTo: { kinds: ['ROAD_TEST'] },
  evaluate: (facts, _settings, result) =>
    facts.vehicles.map((vehicle) => {
      const present =
        vehicle.hasClosedFieldReport || documentsCovering(facts, vehicle, ['CLOSED_FIELD_REPORT']).length > 0;
      return result({
        outcome: present ? 'pass' : 'needs_evidence',
        subject: vehicleSubject(vehicle.id),
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：封闭测试报告${present ? '已通过' : '缺失'}（封闭测试 ${oneDecimal(vehicle.closedFieldKm)} km）；道路测试前须有通过的封闭测试报告`,
          en: `vehicle ${vehicleLabel(vehicle)}: closed-field report ${present ? 'passed' : 'missing'} (${oneDecimal(vehicle.closedFieldKm)} km in closed fields); needs a passed closed-field report before road testing`,
        },
      });
    }),
});

/** CN-NAT-CYBER: a cybersecurity risk assessment where vehicles are connected or can be controlled remotely. */
const cybersecurityAssessment = defineRule({
  id: 'CN-NAT-CYBER',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.18(3)', confidence: 'S' },
  summary: {
    zh: '联网车辆或具备远程控制功能的监控平台须提交网络安全风险评估',
    en: 'connected vehicles or a platform with remote control need a cybersecurity risk assessment',
  },
  appliesTo: { kinds: PERMIT_KINDS },
  evaluate: (facts, _settings, result) => {
    const reasons: LocalizedText[] = [];
    if (facts.kind === 'DRIVERLESS_PILOT') reasons.push({ zh: '无人化运行依赖远程监控', en: 'driverless operation' });
    if (facts.kind === 'MANNED_PILOT') reasons.push({ zh: '示范应用申请材料', en: 'a demonstration application' });
    if (facts.remoteOperators.length > 0) {
      reasons.push({
        zh: `申报了 ${facts.remoteOperators.length} 名远程安全员`,
        en: 'declared remote safety officers',
      });
    }
    if (facts.remoteControlPlatform !== false) {
      reasons.push(
        facts.remoteControlPlatform === true
          ? { zh: '监控平台具备远程控制功能', en: 'a platform with remote control' }
          : { zh: '未声明监控平台是否具备远程控制功能', en: 'an undeclared remote-control capability' },
      );
    }
    const connected = facts.vehicles.filter((vehicle) => vehicle.connected !== false).length;
    if (connected > 0)
      reasons.push({
        zh: `${connected} 辆联网或未声明联网的车辆`,
        en: `${connected} connected or undeclared vehicles`,
      });
    if (reasons.length === 0) {
      return result({
        outcome: 'pass',
        message: {
          zh: '无联网车辆且监控平台无远程控制功能；无须网络安全风险评估',
          en: 'no connected vehicle and no remote-control platform declared; no cybersecurity risk assessment needed',
        },
      });
    }
    return requireDocument(facts, result, 'CYBERSECURITY_ASSESSMENT', {
      zh: reasons.map((reason) => reason.zh).join('、'),
      en: reasons.map((reason) => reason.en).join(', '),
    });
  },
});

/** CN-NAT-PERIOD: requested period within the ceiling (18 months, exact ceiling unconfirmed). */
const period = defineRule({
  id: 'CN-NAT-PERIOD',
  citation: { document: DOCUMENTS.national, confidence: 'S' },
  summary: { zh: '申请期限不超过规定月数', en: 'requested period no longer than the set number of months' },
  appliesTo: { kinds: ON_ROAD_KINDS },
  evaluate: (facts, settings, result) => {
    const maxMonths = settings.read(NATIONAL_SETTINGS.maxPeriodMonths);
    const from = Date.parse(facts.requestedPeriod.from);
    const to = Date.parse(facts.requestedPeriod.to);
    const shown = `${datePart(facts.requestedPeriod.from)} – ${datePart(facts.requestedPeriod.to)}`;
    if (Number.isNaN(from) || Number.isNaN(to)) {
      return result({
        outcome: 'needs_evidence',
        uses: [maxMonths],
        message: {
          zh: `申请期限 ${shown} 无法识别；要求不超过 ${plain(maxMonths.value)} 个月`,
          en: `requested period ${shown} is not a valid date range; needs ≤ ${plain(maxMonths.value)} months`,
        },
      });
    }
    if (to <= from) {
      return result({
        outcome: 'fail',
        uses: [maxMonths],
        message: {
          zh: `申请期限 ${shown} 的结束早于开始；要求不超过 ${plain(maxMonths.value)} 个月`,
          en: `requested period ${shown} ends before it starts; needs ≤ ${plain(maxMonths.value)} months`,
        },
      });
    }
    const length = monthsAndDays(from, to);
    const latestEnd = new Date(addCalendarMonths(from, maxMonths.value)).toISOString().slice(0, 10);
    return result({
      outcome: to <= addCalendarMonths(from, maxMonths.value) ? 'pass' : 'fail',
      uses: [maxMonths],
      message: {
        zh: `申请期限 ${shown} 为 ${length.months} 个月 ${length.days} 天；要求不超过 ${plain(maxMonths.value)} 个月（至 ${latestEnd}）`,
        en: `requested period ${shown} is ${counted(length.months, 'month')} ${counted(length.days, 'day')}, needs ≤ ${plain(maxMonths.value)} months (until ${latestEnd})`,
      },
    });
  },
});

/** CN-NAT-DEMO-PREREQ: ≥ 240 h or ≥ 1000 km autonomous on the requested roads, no violation, no at-fault accident. */
const demonstrationRecord = defineRule({
  id: 'CN-NAT-DEMO-PREREQ',
  check: 'record',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.17', confidence: 'S' },
  summary: {
    zh: '每车在申请路段自动驾驶测试时长或里程达标，期间无交通违法、无有责事故',
    en: 'per vehicle: autonomous hours or km on the requested roads at the set minimum, with no violation and no at-fault accident',
  },
  appliesTo: { kinds: ['MANNED_PILOT'] },
  evaluate: (facts, settings, result) => {
    const minKm = settings.read(NATIONAL_SETTINGS.demoMinAutonomousKm);
    const minHours = settings.read(NATIONAL_SETTINGS.demoMinAutonomousHours);
    return facts.vehicles.map((vehicle) => {
      // Results recognised from other jurisdictions count (SEED-BJ-MUTUAL, SEED-PS-MUTUAL); the facts hold
      // only recognitions this jurisdiction granted, and the result says that it relied on them.
      const km = vehicle.autonomousKmInRequestedZones + vehicle.recognizedAutonomousKm;
      const hours = vehicle.autonomousHoursInRequestedZones + vehicle.recognizedAutonomousHours;
      const recognizedFacts = [
        ...(vehicle.recognizedAutonomousKm > 0 ? ['recognizedAutonomousKm'] : []),
        ...(vehicle.recognizedAutonomousHours > 0 ? ['recognizedAutonomousHours'] : []),
      ];
      const recognized: LocalizedText =
        recognizedFacts.length > 0
          ? {
              zh: `（含互认里程 ${oneDecimal(vehicle.recognizedAutonomousKm)} km、时长 ${oneDecimal(vehicle.recognizedAutonomousHours)} h）`,
              en: ` (including ${oneDecimal(vehicle.recognizedAutonomousKm)} km and ${oneDecimal(vehicle.recognizedAutonomousHours)} h recognised from other jurisdictions)`,
            }
          : { zh: '', en: '' };
      const outcome = allOf(
        anyOf(km >= minKm.value ? 'pass' : 'fail', hours >= minHours.value ? 'pass' : 'fail'),
        vehicle.trafficViolations === 0 ? 'pass' : 'fail',
        vehicle.atFaultAccidents === 0 ? 'pass' : 'fail',
      );
      return result({
        outcome,
        subject: vehicleSubject(vehicle.id),
        uses: [minKm, minHours],
        recognizedFacts,
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：申请路段自动驾驶里程 ${oneDecimal(km)} km、时长 ${oneDecimal(hours)} h${recognized.zh}，要求 ≥ ${plain(minKm.value)} km 或 ≥ ${plain(minHours.value)} h；交通违法 ${vehicle.trafficViolations} 次、有责事故 ${vehicle.atFaultAccidents} 起，要求均为 0`,
          en: `vehicle ${vehicleLabel(vehicle)}: autonomous mileage on requested roads ${oneDecimal(km)} km and ${oneDecimal(hours)} h${recognized.en}, needs ≥ ${plain(minKm.value)} km or ≥ ${plain(minHours.value)} h; ${vehicle.trafficViolations} traffic violations and ${vehicle.atFaultAccidents} at-fault accidents, needs 0`,
        },
      });
    });
  },
});

/** CN-NAT-DEMO-PREREQ: demonstration follows road testing, so each vehicle holds a road-test permit. */
const roadTestBeforeDemonstration = defineRule({
  id: 'CN-NAT-DEMO-PREREQ',
  check: 'road-test-permit',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.17', confidence: 'S' },
  summary: {
    zh: '每车已取得道路测试通知书（有效或已到期）',
    en: 'per vehicle: a road-test permit held (active or expired)',
  },
  appliesTo: { kinds: ['MANNED_PILOT'] },
  evaluate: (facts, _settings, result) =>
    facts.vehicles.map((vehicle) => {
      const held = permitsHeld(vehicle, 'ROAD_TEST').length;
      return result({
        outcome: held > 0 ? 'pass' : 'fail',
        subject: vehicleSubject(vehicle.id),
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：持有道路测试通知书 ${held} 份（有效或已到期）；示范应用前须至少 1 份`,
          en: `vehicle ${vehicleLabel(vehicle)}: ${counted(held, 'road-test permit')} held (active or expired); needs ≥ 1 before demonstration`,
        },
      });
    }),
});

/** CN-NAT-DEMO-PREREQ: demonstration roads and areas lie within those already tested. */
const withinTestedZones = defineRule({
  id: 'CN-NAT-DEMO-PREREQ',
  check: 'tested-zones',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.17', confidence: 'S' },
  summary: { zh: '申请路段位于已测试路段范围内', en: 'requested roads and areas lie within those already road-tested' },
  appliesTo: { kinds: DEMONSTRATION_KINDS },
  evaluate: (facts, _settings, result) => {
    const zones = facts.requestedZones.map((zone) => zone.code).join(', ') || '—';
    const within = facts.requestedWithinTestedZones;
    return result({
      outcome: within ? 'pass' : 'fail',
      message: {
        zh: `申请区域 ${zones} ${within ? '位于' : '超出'}车辆已测试区域；要求申请区域位于已测试区域内`,
        en: `requested zones ${zones} ${within ? 'lie within' : 'extend beyond'} the zones these vehicles road-tested; needs requested ⊆ tested`,
      },
    });
  },
});

/** CN-NAT-DEMO-DOCS: demonstration plan reviewed by a third party (the assessment is judged by CN-NAT-CYBER). */
const demonstrationPlan = defineRule({
  id: 'CN-NAT-DEMO-DOCS',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.18', confidence: 'S' },
  summary: { zh: '经第三方评审的示范应用方案', en: 'a demonstration plan reviewed by a third party' },
  appliesTo: { kinds: DEMONSTRATION_KINDS },
  evaluate: (facts, _settings, result) =>
    requireDocument(facts, result, 'THIRD_PARTY_REVIEWED_PLAN', {
      zh: '示范应用申请',
      en: 'a demonstration application',
    }),
});

const shortFingerprint = (fingerprint: string): string => fingerprint.slice(0, 12);

/** CN-NAT-ADD-VEH: vehicles added to a permit have the permit's configuration. */
const identicalConfiguration = defineRule({
  id: 'CN-NAT-ADD-VEH',
  citation: { document: DOCUMENTS.national, article: 'Draft Art.19', confidence: 'S' },
  summary: {
    zh: '增加车辆与原通知书车辆配置相同',
    en: 'added vehicles have the configuration of the permit they join',
  },
  appliesTo: { kinds: PERMIT_KINDS, when: (facts) => facts.addingToPermit !== undefined },
  evaluate: (facts, _settings, result) => {
    const target = facts.addingToPermit;
    if (target === undefined) return [];
    return facts.vehicles.map((vehicle) => {
      const same = vehicle.configurationFingerprint === target.configurationFingerprint;
      return result({
        outcome: same ? 'pass' : 'fail',
        subject: vehicleSubject(vehicle.id),
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：配置指纹 ${shortFingerprint(vehicle.configurationFingerprint)}，通知书 ${target.permitId} 为 ${shortFingerprint(target.configurationFingerprint)}；要求配置相同`,
          en: `vehicle ${vehicleLabel(vehicle)}: configuration ${shortFingerprint(vehicle.configurationFingerprint)}, permit ${target.permitId} has ${shortFingerprint(target.configurationFingerprint)}; needs an identical configuration`,
        },
      });
    });
  },
});

/** CN-MOT-SAFETYOFFICER: remote officer to L5 vehicle ratio not lower than 1:3. */
const l5RemoteOfficerRatio = defineRule({
  id: 'CN-MOT-SAFETYOFFICER',
  check: 'l5-remote-ratio',
  // C/S in RULES.md (guide text plus news); graded by the weaker source.
  citation: { document: DOCUMENTS.motTransportGuide, confidence: 'S' },
  summary: {
    zh: 'L5 车辆使用远程安全员时，人车比不低于规定比例',
    en: 'L5 vehicles with remote safety officers: officer-to-vehicle ratio at least the set ratio',
  },
  appliesTo: {
    kinds: ['DRIVERLESS_PILOT'],
    when: (facts) => facts.vehicles.some((vehicle) => vehicle.automationLevel === 'L5'),
  },
  evaluate: (facts, settings, result) =>
    remoteOfficerRatio(
      facts,
      result,
      facts.vehicles.filter((vehicle) => vehicle.automationLevel === 'L5').length,
      settings.read(NATIONAL_SETTINGS.maxL5VehiclesPerRemoteOfficer),
      { zh: ' L5 车辆', en: 'L5 vehicles' },
    ),
});

/** CN-MOT-SAFETYOFFICER: remote safety officers are qualified and trained. */
const remoteOfficers = defineRule({
  id: 'CN-MOT-SAFETYOFFICER',
  check: 'remote-officers',
  citation: { document: DOCUMENTS.motTransportGuide, confidence: 'S' },
  summary: {
    zh: '无人化运行须有经培训、具备远程资质的远程安全员',
    en: 'driverless operation needs remote safety officers who are qualified and trained',
  },
  appliesTo: { kinds: ['DRIVERLESS_PILOT'] },
  evaluate: (facts, _settings, result) => {
    if (facts.remoteOperators.length === 0) {
      return result({
        outcome: 'needs_evidence',
        message: {
          zh: '未申报远程安全员（0 名）；无人化运行须至少 1 名',
          en: 'no remote safety officer declared (0); driverless operation needs ≥ 1',
        },
      });
    }
    return facts.remoteOperators.map((officer) =>
      result({
        outcome: allOf(
          officer.remoteQualified ? 'pass' : 'fail',
          officer.hasTrainingCertificate ? 'pass' : 'needs_evidence',
        ),
        subject: operatorSubject(officer.id),
        message: {
          zh: `远程安全员 ${officer.id}：远程资质${officer.remoteQualified ? '具备' : '不具备'}，培训证明${officer.hasTrainingCertificate ? '已提交' : '缺失'}；要求具备远程资质并经培训`,
          en: `remote safety officer ${officer.id}: remote qualification ${officer.remoteQualified ? 'held' : 'not held'}, training certificate ${officer.hasTrainingCertificate ? 'present' : 'missing'}; needs both`,
        },
      }),
    );
  },
});

/** CN-MOT-SAFETY-PLAN: fare-charging operation files a transport safety plan. */
const transportSafetyPlan = defineRule({
  id: 'CN-MOT-SAFETY-PLAN',
  citation: { document: DOCUMENTS.motTransportGuide, article: '七(二)', confidence: 'C' },
  summary: { zh: '收费运营须提交运输安全保障方案', en: 'fare-charging operation needs a transport safety plan' },
  appliesTo: { kinds: DEMONSTRATION_KINDS, when: (facts) => facts.conditions.fares === true },
  evaluate: (facts, _settings, result) =>
    requireDocument(facts, result, 'SAFETY_PLAN', { zh: '收费运营', en: 'fare-charging operation' }),
});

/**
 * REF-SMALL-SIZE: no driver seat or cockpit, and reference speed and size limits. The numbers are a draft
 * group standard's, used as defaults by every pack until Beijing's or Pingshan's own are known.
 */
const smallVehicleClass = defineRule({
  id: 'REF-SMALL-SIZE',
  citation: { document: DOCUMENTS.smallVehicleStandardDraft, confidence: 'S' },
  summary: {
    zh: '无人小车无驾驶座和驾驶舱、不载人，最高车速与外廓尺寸不超过参考值',
    en: 'small unmanned vehicle: no seat or cockpit, no passengers, speed and size within the reference limits',
  },
  appliesTo: { kinds: ['SMALL_UNMANNED_VEHICLE'] },
  evaluate: (facts, settings, result) => {
    const maxSpeed = settings.read(NATIONAL_SETTINGS.smallVehicleMaxSpeedKmh);
    const maxLength = settings.read(NATIONAL_SETTINGS.smallVehicleMaxLengthM);
    const maxWidth = settings.read(NATIONAL_SETTINGS.smallVehicleMaxWidthM);
    const maxHeight = settings.read(NATIONAL_SETTINGS.smallVehicleMaxHeightM);
    const within = (value: number | undefined, limit: number): RuleOutcome =>
      value === undefined ? 'needs_evidence' : value <= limit ? 'pass' : 'fail';
    const shown = (value: number | undefined): string => (value === undefined ? '?' : plain(value));
    return facts.vehicles.map((vehicle) =>
      result({
        outcome: allOf(
          vehicle.category === 'SMALL_UNMANNED_VEHICLE' && vehicle.seats === 0 ? 'pass' : 'fail',
          within(vehicle.maxSpeedKmh, maxSpeed.value),
          within(vehicle.lengthM, maxLength.value),
          within(vehicle.widthM, maxWidth.value),
          within(vehicle.heightM, maxHeight.value),
        ),
        subject: vehicleSubject(vehicle.id),
        uses: [maxSpeed, maxLength, maxWidth, maxHeight],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：类别 ${vehicle.category}，座位 ${vehicle.seats} 个，最高车速 ${shown(vehicle.maxSpeedKmh)} km/h，长×宽×高 ${shown(vehicle.lengthM)}×${shown(vehicle.widthM)}×${shown(vehicle.heightM)} m；参考要求：无人小车、0 座，≤ ${plain(maxSpeed.value)} km/h，≤ ${plain(maxLength.value)}×${plain(maxWidth.value)}×${plain(maxHeight.value)} m（团体标准草案参考值，非坪山或北京规定）`,
          en: `vehicle ${vehicleLabel(vehicle)}: category ${vehicle.category}, ${vehicle.seats} seats, max speed ${shown(vehicle.maxSpeedKmh)} km/h, L×W×H ${shown(vehicle.lengthM)}×${shown(vehicle.widthM)}×${shown(vehicle.heightM)} m; reference limits: small unmanned vehicle with 0 seats, ≤ ${plain(maxSpeed.value)} km/h, ≤ ${plain(maxLength.value)}×${plain(maxWidth.value)}×${plain(maxHeight.value)} m (draft group standard, not a Pingshan or Beijing value)`,
        },
      }),
    );
  },
});

/** The baseline every local pack extends (MIIT/MPS/MOT 2021 rules and the MOT 2023 transport guide). */
export const NATIONAL_PACK: RulePack = {
  jurisdiction: 'CN-NATIONAL',
  version: '2026.11.0',
  title: { zh: '国家基线（工信部、公安部、交通运输部）', en: 'National baseline (MIIT, MPS, MOT)' },
  settings: {
    [NATIONAL_SETTINGS.minLiabilityCoverCny.key]: { value: 5_000_000, isDefault: false, source: 'CN-NAT-INS' },
    [NATIONAL_SETTINGS.minDrivingYears.key]: { value: 3, isDefault: false, source: 'CN-NAT-DRIVER' },
    [NATIONAL_SETTINGS.maxPeriodMonths.key]: {
      value: 18,
      isDefault: true,
      source: 'CN-NAT-PERIOD: "in principle ≤ 18 months" from draft-stage news; the final ceiling is unconfirmed',
    },
    [NATIONAL_SETTINGS.demoMinAutonomousKm.key]: { value: 1000, isDefault: false, source: 'CN-NAT-DEMO-PREREQ' },
    [NATIONAL_SETTINGS.demoMinAutonomousHours.key]: { value: 240, isDefault: false, source: 'CN-NAT-DEMO-PREREQ' },
    [NATIONAL_SETTINGS.maxL5VehiclesPerRemoteOfficer.key]: {
      value: 3,
      isDefault: false,
      source: 'CN-MOT-SAFETYOFFICER: remote officer : vehicle not lower than 1:3 for L5 taxis',
    },
    [NATIONAL_SETTINGS.smallVehicleMaxSpeedKmh.key]: {
      value: 45,
      isDefault: true,
      source: 'REF-SMALL-SIZE: draft group standard, reference only; no Pingshan or Beijing value found',
    },
    [NATIONAL_SETTINGS.smallVehicleMaxLengthM.key]: {
      value: 3.5,
      isDefault: true,
      source: 'REF-SMALL-SIZE: draft group standard, reference only; no Pingshan or Beijing value found',
    },
    [NATIONAL_SETTINGS.smallVehicleMaxWidthM.key]: {
      value: 1.5,
      isDefault: true,
      source: 'REF-SMALL-SIZE: draft group standard, reference only; no Pingshan or Beijing value found',
    },
    [NATIONAL_SETTINGS.smallVehicleMaxHeightM.key]: {
      value: 2.0,
      isDefault: true,
      source: 'REF-SMALL-SIZE: draft group standard, reference only; no Pingshan or Beijing value found',
    },
    [NATIONAL_SETTINGS.periodicReportIntervalMonths.key]: {
      value: 6,
      isDefault: true,
      source: 'CN-NAT-REPORT: national interval believed to be 6 months, unconfirmed',
    },
    [NATIONAL_SETTINGS.finalReportWithinMonths.key]: { value: 1, isDefault: false, source: 'CN-NAT-REPORT' },
    [NATIONAL_SETTINGS.incidentReportDeadlineHours.key]: {
      value: 24,
      isDefault: true,
      source:
        'CN-NAT-ACCIDENT: a deadline to report to the industry authority is often cited as 24 h but was not found (U)',
    },
    [NATIONAL_SETTINGS.incidentPreEventSeconds.key]: {
      value: 90,
      isDefault: false,
      source: 'CN-NAT-DATA-REC: at least 90 s before an accident',
    },
    [NATIONAL_SETTINGS.incidentPostEventSeconds.key]: {
      value: 30,
      isDefault: true,
      source: 'CN-MOT-INS-DRAFT: the 2022 draft proposed ≥ 30 s after an event (draft)',
    },
  },
  rules: [
    legalEntity,
    capabilities,
    liabilityInsurance,
    seatInsurance,
    safetyOperators,
    closedField,
    cybersecurityAssessment,
    period,
    roadTestBeforeDemonstration,
    demonstrationRecord,
    withinTestedZones,
    demonstrationPlan,
    identicalConfiguration,
    remoteOfficers,
    l5RemoteOfficerRatio,
    transportSafetyPlan,
    smallVehicleClass,
  ],
  overrides: {},
};
