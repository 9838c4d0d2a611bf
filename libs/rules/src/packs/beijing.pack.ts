import { defineRule, type RulePack } from '../engine';
import { documentsCovering, permitsHeld, vehicleLabel } from '../facts';
import { allOf, cny, oneDecimal, plain } from '../results';
import { numberSetting, stringSetting } from '../settings';
import { type DriverlessStage, type LocalizedText, type RuleOutcome, type VehicleFact } from '../types';
import { DOCUMENTS } from './citations';
import { remoteOfficerRatio } from './checks';
import { NATIONAL_PACK } from './national.pack';

export const BEIJING_SETTINGS = {
  minAdTrainingHours: numberSetting('operator.minAdTrainingHours'),
  minSameModelRoadTestHours: numberSetting('operator.minSameModelRoadTestHours'),
  closedFieldMinBatchKm: numberSetting('closedField.minBatchKm'),
  closedFieldMinKmPerVehicle: numberSetting('closedField.minKmPerVehicle'),
  closedFieldMinLongestVehicleKm: numberSetting('closedField.minLongestVehicleKm'),
  minSeatCoverCnyPerPerson: numberSetting('insurance.minSeatCoverCnyPerPerson'),
  loadedClosedFieldAboveSeats: numberSetting('manned.loadedClosedFieldAboveSeats'),
  maxVehiclesPerRemoteOfficer: numberSetting('remote.maxVehiclesPerOfficer'),
  smallVehicleCodePattern: stringSetting('smallVehicle.codePattern'),
} as const;

const BEIJING = 'CN-BJ';
const ON_BOARD_OPERATOR_KINDS = ['ROAD_TEST', 'MANNED_PILOT', 'DRIVERLESS_PILOT'] as const;
const carriesPeopleOrGoods = (facts: { conditions: { passengers: boolean; cargo: boolean } }): boolean =>
  facts.conditions.passengers || facts.conditions.cargo;

const vehicleSubject = (vehicle: VehicleFact) => ({ type: 'vehicle', id: vehicle.id }) as const;
const operatorSubject = (id: string) => ({ type: 'operator', id }) as const;

/** BJ-19-DRIVER: ≥ 50 h of real-vehicle training for each test driver (Beijing only). */
const trainingHours = defineRule({
  id: 'BJ-19-DRIVER',
  check: 'training-hours',
  citation: { document: DOCUMENTS.beijingRoadTest2019, confidence: 'S' },
  summary: {
    zh: '每名测试驾驶人实车培训时长达标',
    en: 'each test driver: real-vehicle training hours at the set minimum',
  },
  appliesTo: { kinds: ON_BOARD_OPERATOR_KINDS },
  evaluate: (facts, settings, result) => {
    const minHours = settings.read(BEIJING_SETTINGS.minAdTrainingHours);
    return facts.operators.map((operator) =>
      result({
        outcome: operator.adTrainingHours >= minHours.value ? 'pass' : 'fail',
        subject: operatorSubject(operator.id),
        uses: [minHours],
        message: {
          zh: `安全员 ${operator.id}：实车培训 ${oneDecimal(operator.adTrainingHours)} h；要求 ≥ ${plain(minHours.value)} h`,
          en: `operator ${operator.id}: ${oneDecimal(operator.adTrainingHours)} h of real-vehicle training, needs ≥ ${plain(minHours.value)} h`,
        },
      }),
    );
  },
});

/** BJ-19-DRIVER: drivers of manned or cargo tests have ≥ 100 h of road testing on the same model. */
const sameModelHours = defineRule({
  id: 'BJ-19-DRIVER',
  check: 'same-model-hours',
  citation: { document: DOCUMENTS.beijingRoadTest2019, confidence: 'S' },
  summary: {
    zh: '载人或载货测试的驾驶人在同型号车辆上的道路测试时长达标',
    en: 'drivers of manned or cargo tests: road-test hours on the same model at the set minimum',
  },
  appliesTo: { kinds: ON_BOARD_OPERATOR_KINDS, when: carriesPeopleOrGoods },
  evaluate: (facts, settings, result) => {
    const minHours = settings.read(BEIJING_SETTINGS.minSameModelRoadTestHours);
    return facts.operators.map((operator) => {
      const hours = operator.roadTestHoursOnSameModel;
      return result({
        outcome: hours === undefined ? 'needs_evidence' : hours >= minHours.value ? 'pass' : 'fail',
        subject: operatorSubject(operator.id),
        uses: [minHours],
        message: {
          zh: `安全员 ${operator.id}：同型号道路测试 ${hours === undefined ? '未申报' : `${oneDecimal(hours)} h`}；载人或载货测试要求 ≥ ${plain(minHours.value)} h`,
          en: `operator ${operator.id}: road testing on the same model ${hours === undefined ? 'not declared' : `${oneDecimal(hours)} h`}, manned or cargo tests need ≥ ${plain(minHours.value)} h`,
        },
      });
    });
  },
});

/** BJ-19-CLOSED: the batch totals ≥ 5000 km and at least one vehicle has ≥ 1000 km. */
const closedFieldBatch = defineRule({
  id: 'BJ-19-CLOSED',
  check: 'batch',
  citation: { document: DOCUMENTS.beijingRoadTest2019, confidence: 'S' },
  summary: {
    zh: '同批次封闭测试总里程和最长单车里程达标',
    en: 'closed-field km of the batch: total and longest vehicle at the set minimums',
  },
  appliesTo: { kinds: ['ROAD_TEST'] },
  evaluate: (facts, settings, result) => {
    const minBatch = settings.read(BEIJING_SETTINGS.closedFieldMinBatchKm);
    const minLongest = settings.read(BEIJING_SETTINGS.closedFieldMinLongestVehicleKm);
    const kms = facts.vehicles.map((vehicle) => vehicle.closedFieldKm);
    const total = kms.reduce((sum, km) => sum + km, 0);
    const longest = kms.length > 0 ? Math.max(...kms) : 0;
    return result({
      outcome: allOf(total >= minBatch.value ? 'pass' : 'fail', longest >= minLongest.value ? 'pass' : 'fail'),
      uses: [minBatch, minLongest],
      message: {
        zh: `同批次 ${facts.vehicles.length} 辆车封闭测试共 ${oneDecimal(total)} km，最长单车 ${oneDecimal(longest)} km；要求总计 ≥ ${plain(minBatch.value)} km 且至少 1 辆 ≥ ${plain(minLongest.value)} km`,
        en: `batch of ${facts.vehicles.length} vehicles: ${oneDecimal(total)} km in closed fields, longest vehicle ${oneDecimal(longest)} km; needs ≥ ${plain(minBatch.value)} km in total and one vehicle ≥ ${plain(minLongest.value)} km`,
      },
    });
  },
});

/** BJ-19-CLOSED: every vehicle of the batch has ≥ 100 km. */
const closedFieldPerVehicle = defineRule({
  id: 'BJ-19-CLOSED',
  check: 'per-vehicle',
  citation: { document: DOCUMENTS.beijingRoadTest2019, confidence: 'S' },
  summary: { zh: '每车封闭测试里程达标', en: 'per vehicle: closed-field km at the set minimum' },
  appliesTo: { kinds: ['ROAD_TEST'] },
  evaluate: (facts, settings, result) => {
    const minEach = settings.read(BEIJING_SETTINGS.closedFieldMinKmPerVehicle);
    return facts.vehicles.map((vehicle) =>
      result({
        outcome: vehicle.closedFieldKm >= minEach.value ? 'pass' : 'fail',
        subject: vehicleSubject(vehicle),
        uses: [minEach],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：封闭测试 ${oneDecimal(vehicle.closedFieldKm)} km；要求每车 ≥ ${plain(minEach.value)} km`,
          en: `vehicle ${vehicleLabel(vehicle)}: ${oneDecimal(vehicle.closedFieldKm)} km in closed fields, needs ≥ ${plain(minEach.value)} km per vehicle`,
        },
      }),
    );
  },
});

/** BJ-19-INS: seat insurance with ≥ CNY 1M per volunteer; replaces the national check, which names no amount. */
const volunteerInsurance = defineRule({
  id: 'BJ-19-INS',
  check: 'seat',
  citation: { document: DOCUMENTS.beijingRoadTest2019, confidence: 'S' },
  summary: {
    zh: '载人时每车座位险，每名乘员保额不低于规定金额',
    en: 'when carrying passengers: seat insurance per vehicle with at least the set cover per person',
  },
  appliesTo: { kinds: ON_BOARD_OPERATOR_KINDS, when: (facts) => facts.conditions.passengers },
  evaluate: (facts, settings, result) => {
    const minCover = settings.read(BEIJING_SETTINGS.minSeatCoverCnyPerPerson);
    return facts.vehicles.map((vehicle) => {
      const policies = documentsCovering(facts, vehicle, ['SEAT_INSURANCE']);
      const amounts = policies.flatMap((doc) => (doc.amountCny === undefined ? [] : [doc.amountCny]));
      const best = amounts.length > 0 ? Math.max(...amounts) : undefined;
      const shown: LocalizedText =
        best !== undefined
          ? { zh: `每人 ${cny(best)}`, en: `${cny(best)} per person` }
          : policies.length > 0
            ? { zh: '未注明保额', en: 'without an amount' }
            : { zh: '缺失', en: 'missing' };
      return result({
        outcome: best === undefined ? 'needs_evidence' : best >= minCover.value ? 'pass' : 'fail',
        subject: vehicleSubject(vehicle),
        uses: [minCover],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：座位险 ${shown.zh}；载人要求每名乘员 ≥ ${cny(minCover.value)}`,
          en: `vehicle ${vehicleLabel(vehicle)}: seat insurance ${shown.en}, needs ≥ ${cny(minCover.value)} per person carried`,
        },
      });
    });
  },
});

/** BJ-19-MANNED: manned tests with more than 7 seats, and all cargo tests, need half- and full-load results. */
const loadedClosedField = defineRule({
  id: 'BJ-19-MANNED',
  citation: { document: DOCUMENTS.beijingRoadTest2019, confidence: 'S' },
  summary: {
    zh: '7 座以上载人或载货测试前完成半载和满载封闭测试',
    en: 'manned tests above the seat threshold, and cargo tests: half-load and full-load closed-field results',
  },
  appliesTo: { kinds: ['ROAD_TEST', 'MANNED_PILOT'], when: carriesPeopleOrGoods },
  evaluate: (facts, settings, result) => {
    const aboveSeats = settings.read(BEIJING_SETTINGS.loadedClosedFieldAboveSeats);
    return facts.vehicles.map((vehicle) => {
      const needed = facts.conditions.cargo || (facts.conditions.passengers && vehicle.seats > aboveSeats.value);
      const has = vehicle.hasLoadedClosedFieldResults === true;
      const outcome: RuleOutcome = !needed || has ? 'pass' : 'needs_evidence';
      return result({
        outcome,
        subject: vehicleSubject(vehicle),
        uses: [aboveSeats],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：${vehicle.seats} 座，${facts.conditions.cargo ? '载货' : '不载货'}，半载和满载封闭测试结果${has ? '已提交' : '缺失'}；${needed ? '须提交' : '无须提交'}（载人超过 ${plain(aboveSeats.value)} 座或载货时须提交）`,
          en: `vehicle ${vehicleLabel(vehicle)}: ${vehicle.seats} seats, ${facts.conditions.cargo ? 'cargo' : 'no cargo'}, half- and full-load closed-field results ${has ? 'present' : 'missing'}; ${needed ? 'required' : 'not required'} (required with passengers above ${plain(aboveSeats.value)} seats, or cargo)`,
        },
      });
    });
  },
});

const DRIVERLESS_LADDER: readonly DriverlessStage[] = ['FRONT_PASSENGER_OFFICER', 'REAR_OFFICER', 'REMOTE_ONLY'];

/** Rungs below the driverless stages: the manned demonstration notice is rung 0, stage n is rung n. */
const RUNG_LABELS: readonly LocalizedText[] = [
  { zh: '载人示范应用', en: 'manned demonstration' },
  { zh: '第 1 阶段（副驾有人）', en: 'stage 1 (officer in the front passenger seat)' },
  { zh: '第 2 阶段（前排无人后排有人）', en: 'stage 2 (front row empty, officer in the rear)' },
  { zh: '第 3 阶段（车外远程）', en: 'stage 3 (remote only)' },
];

const NO_RUNG: LocalizedText = { zh: '无', en: 'none' };

function highestRungHeld(vehicle: VehicleFact): number {
  const driverlessRungs = permitsHeld(vehicle, 'DRIVERLESS_PILOT', BEIJING).flatMap((permit) =>
    permit.driverlessStage === undefined ? [] : [DRIVERLESS_LADDER.indexOf(permit.driverlessStage) + 1],
  );
  const demonstration = permitsHeld(vehicle, 'MANNED_PILOT', BEIJING).length > 0 ? [0] : [];
  return Math.max(-1, ...demonstration, ...driverlessRungs);
}

/** BJ-DL-STAGES: each vehicle climbs the ladder one stage at a time, starting from a Beijing demonstration notice. */
const driverlessLadder = defineRule({
  id: 'BJ-DL-STAGES',
  citation: { document: DOCUMENTS.beijingDriverless2021, confidence: 'S' },
  summary: {
    zh: '每车已完成所申请阶段的前一阶段（载人示范 → 副驾有人 → 前排无人后排有人 → 车外远程）',
    en: 'per vehicle: the stage before the requested one is held (manned demonstration → front passenger → rear → remote only)',
  },
  appliesTo: { kinds: ['DRIVERLESS_PILOT'] },
  evaluate: (facts, _settings, result) => {
    const requested = facts.requestedDriverlessStage;
    if (requested === undefined) {
      return result({
        outcome: 'needs_evidence',
        message: {
          zh: '未申报申请的无人化阶段；须申报第 1、2 或 3 阶段',
          en: 'no driverless stage requested; needs stage 1, 2 or 3',
        },
      });
    }
    const requestedRung = DRIVERLESS_LADDER.indexOf(requested) + 1;
    const previous = RUNG_LABELS[requestedRung - 1];
    return facts.vehicles.map((vehicle) => {
      const held = highestRungHeld(vehicle);
      const heldLabel = held < 0 ? NO_RUNG : RUNG_LABELS[held];
      return result({
        // A jump past a stage is rejected, not merely missing evidence: the ladder is the rule.
        outcome: held >= requestedRung - 1 ? 'pass' : 'fail',
        subject: vehicleSubject(vehicle),
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：申请${RUNG_LABELS[requestedRung].zh}，已取得的最高阶段为${heldLabel.zh}；须先取得北京${previous.zh}`,
          en: `vehicle ${vehicleLabel(vehicle)}: requests ${RUNG_LABELS[requestedRung].en}, highest held: ${heldLabel.en}; needs Beijing ${previous.en} first`,
        },
      });
    });
  },
});

/** BJ-DL-REMOTE: pilot-zone remote officer ratio, starting at 1:1 (commentary, not rule text: a default). */
const pilotZoneRemoteRatio = defineRule({
  id: 'BJ-DL-REMOTE',
  citation: { document: DOCUMENTS.beijingRemoteCommentary, confidence: 'S' },
  summary: {
    zh: '远程安全员与无人化车辆之比不低于规定比例',
    en: 'remote safety officers to driverless vehicles at least the set ratio',
  },
  appliesTo: { kinds: ['DRIVERLESS_PILOT'] },
  evaluate: (facts, settings, result) =>
    remoteOfficerRatio(
      facts,
      result,
      facts.vehicles.length,
      settings.read(BEIJING_SETTINGS.maxVehiclesPerRemoteOfficer),
      { zh: '无人化车辆', en: 'driverless vehicles' },
    ),
});

/** BJ-DELIV-2021: every delivery vehicle carries a vehicle code such as MT0001. */
const deliveryVehicleCode = defineRule({
  id: 'BJ-DELIV-2021',
  check: 'vehicle-code',
  citation: { document: DOCUMENTS.beijingDelivery2021, confidence: 'S' },
  summary: {
    zh: '每车车身编码格式正确（如 MT0001）',
    en: 'per vehicle: a vehicle code in the set format (e.g. MT0001)',
  },
  appliesTo: { kinds: ['SMALL_UNMANNED_VEHICLE'] },
  evaluate: (facts, settings, result) => {
    const pattern = settings.read(BEIJING_SETTINGS.smallVehicleCodePattern);
    const format = new RegExp(pattern.value);
    return facts.vehicles.map((vehicle) => {
      const code = vehicle.vehicleCode ?? '';
      return result({
        outcome: code === '' ? 'needs_evidence' : format.test(code) ? 'pass' : 'fail',
        subject: vehicleSubject(vehicle),
        uses: [pattern],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：车身编码 ${code === '' ? '未申报' : code}；要求格式 ${pattern.value}（如 MT0001）`,
          en: `vehicle ${vehicleLabel(vehicle)}: vehicle code ${code === '' ? 'not declared' : code}, needs the format ${pattern.value} (e.g. MT0001)`,
        },
      });
    });
  },
});

/** BJ-DELIV-2021: both an on-site and a remote operator. */
const deliveryStaffing = defineRule({
  id: 'BJ-DELIV-2021',
  check: 'operators',
  citation: { document: DOCUMENTS.beijingDelivery2021, confidence: 'S' },
  summary: { zh: '配备现场驾驶人和远程驾驶人', en: 'both an on-site and a remote operator' },
  appliesTo: { kinds: ['SMALL_UNMANNED_VEHICLE'] },
  evaluate: (facts, _settings, result) => {
    const onSite = facts.operators.length;
    const remote = facts.remoteOperators.length;
    return result({
      outcome: onSite >= 1 && remote >= 1 ? 'pass' : 'needs_evidence',
      message: {
        zh: `现场驾驶人 ${onSite} 名、远程驾驶人 ${remote} 名；要求各至少 1 名`,
        en: `${onSite} on-site and ${remote} remote operators, needs ≥ 1 of each`,
      },
    });
  },
});

/** Beijing city layer: the 2019 road-test rules, the driverless and delivery-vehicle rules (BJ-*). */
export const BEIJING_PACK: RulePack = {
  jurisdiction: 'CN-BJ',
  version: '2026.11.0',
  title: { zh: '北京市', en: 'Beijing' },
  extends: NATIONAL_PACK,
  settings: {
    [BEIJING_SETTINGS.minAdTrainingHours.key]: { value: 50, isDefault: false, source: 'BJ-19-DRIVER' },
    [BEIJING_SETTINGS.minSameModelRoadTestHours.key]: { value: 100, isDefault: false, source: 'BJ-19-DRIVER' },
    [BEIJING_SETTINGS.closedFieldMinBatchKm.key]: { value: 5000, isDefault: false, source: 'BJ-19-CLOSED' },
    [BEIJING_SETTINGS.closedFieldMinKmPerVehicle.key]: { value: 100, isDefault: false, source: 'BJ-19-CLOSED' },
    [BEIJING_SETTINGS.closedFieldMinLongestVehicleKm.key]: { value: 1000, isDefault: false, source: 'BJ-19-CLOSED' },
    [BEIJING_SETTINGS.minSeatCoverCnyPerPerson.key]: { value: 1_000_000, isDefault: false, source: 'BJ-19-INS' },
    [BEIJING_SETTINGS.loadedClosedFieldAboveSeats.key]: { value: 7, isDefault: false, source: 'BJ-19-MANNED' },
    [BEIJING_SETTINGS.maxVehiclesPerRemoteOfficer.key]: {
      value: 1,
      isDefault: true,
      source: 'BJ-DL-REMOTE: planned path starts at 1 remote officer : 1 vehicle (expert commentary, not rule text)',
    },
    [BEIJING_SETTINGS.smallVehicleCodePattern.key]: {
      value: '^[A-Z]{2}\\d{4}$',
      isDefault: false,
      source: 'BJ-DELIV-2021: vehicle codes such as MT0001, JD0001, NX0001',
    },
  },
  rules: [
    trainingHours,
    sameModelHours,
    closedFieldBatch,
    closedFieldPerVehicle,
    loadedClosedField,
    driverlessLadder,
    pilotZoneRemoteRatio,
    deliveryVehicleCode,
    deliveryStaffing,
  ],
  overrides: {
    'CN-NAT-INS/seat': {
      replacement: volunteerInsurance,
      reason: 'BJ-19-INS adds the CNY 1M cover per volunteer that the national text leaves open',
    },
  },
};
