import { defineRule, type RulePack } from '../engine';
import { permitsHeld, vehicleLabel } from '../facts';
import { allOf, anyOf, counted, oneDecimal, plain } from '../results';
import { numberSetting } from '../settings';
import { type LocalizedText, type RuleOutcome, type StageRecordFact } from '../types';
import { DOCUMENTS } from './citations';
import { SHENZHEN_PACK } from './shenzhen.pack';

/**
 * Pingshan's own documents (PS-DOCS) were not found, so its stage thresholds are the neighbouring Nanshan
 * district's (NS-DL-PREREQ, NS-SMALL) as RULES.md suggests, every one a default awaiting the Pingshan text.
 */
export const PINGSHAN_SETTINGS = {
  commercialPilotMinHours: numberSetting('driverless.commercialPilotMinHours'),
  commercialPilotMinKm: numberSetting('driverless.commercialPilotMinKm'),
  commercialPilotMinMpiKm: numberSetting('driverless.commercialPilotMinMpiKm'),
  driverlessDemoMinHours: numberSetting('driverless.demonstrationMinHours'),
  driverlessDemoMinKm: numberSetting('driverless.demonstrationMinKm'),
  smallVehicleSafetyOfficersPerVehicle: numberSetting('smallVehicle.safetyOfficersPerVehicle'),
} as const;

const NANSHAN_DEFAULT =
  'NS-DL-PREREQ: Nanshan value reused as the Pingshan default; Pingshan thresholds unconfirmed (PS-DOCS)';

/** A Shenzhen driverless-demonstration qualification: a driverless permit from Shenzhen or one of its districts. */
const SHENZHEN = 'CN-SZ';

const mpiKm = (record: StageRecordFact): number =>
  record.disengagements === 0 ? Number.POSITIVE_INFINITY : record.km / record.disengagements;

const NO_RECORD: StageRecordFact = { km: 0, hours: 0, disengagements: 0, atFaultAccidents: 0 };

const describeRecord = (record: StageRecordFact | undefined): LocalizedText =>
  record === undefined
    ? { zh: '记录未提供', en: 'record not available' }
    : {
        zh: `${oneDecimal(record.km)} km、${oneDecimal(record.hours)} h、有责事故 ${record.atFaultAccidents} 起`,
        en: `${oneDecimal(record.km)} km and ${oneDecimal(record.hours)} h, ${record.atFaultAccidents} at-fault accidents`,
      };

/**
 * NS-DL-PREREQ: either (a) ≥ 1200 h or ≥ 5000 km of commercial pilot with MPI ≥ 100 km and no at-fault
 * accident, or (b) a Shenzhen driverless-demonstration qualification and ≥ 240 h or ≥ 1000 km of driverless
 * demonstration with no at-fault accident. Either route suffices, so the better outcome decides.
 */
const driverlessPrerequisite = defineRule({
  id: 'NS-DL-PREREQ',
  citation: { document: DOCUMENTS.nanshanCommercialPilot, confidence: 'C' },
  summary: {
    zh: '每车：有人商业化试点记录达标（时长或里程、MPI、无有责事故），或持深圳无人化示范资格且无人化示范记录达标',
    en: 'per vehicle: a commercial-pilot record (hours or km, MPI, no at-fault accident), or a Shenzhen driverless qualification with a driverless-demonstration record',
  },
  appliesTo: { kinds: ['DRIVERLESS_PILOT'] },
  evaluate: (facts, settings, result) => {
    const commercialHours = settings.read(PINGSHAN_SETTINGS.commercialPilotMinHours);
    const commercialKm = settings.read(PINGSHAN_SETTINGS.commercialPilotMinKm);
    const minMpi = settings.read(PINGSHAN_SETTINGS.commercialPilotMinMpiKm);
    const demoHours = settings.read(PINGSHAN_SETTINGS.driverlessDemoMinHours);
    const demoKm = settings.read(PINGSHAN_SETTINGS.driverlessDemoMinKm);
    return facts.vehicles.map((vehicle) => {
      // No map at all means the records were not gathered; a kind missing from the map was never driven.
      const records = vehicle.autonomousRecordByStage;
      const commercial = records === undefined ? undefined : (records.MANNED_PILOT ?? NO_RECORD);
      const demonstration = records === undefined ? undefined : (records.DRIVERLESS_PILOT ?? NO_RECORD);
      const qualified = permitsHeld(vehicle, 'DRIVERLESS_PILOT', SHENZHEN).length > 0;
      const commercialRoute: RuleOutcome =
        commercial === undefined
          ? 'needs_evidence'
          : allOf(
              anyOf(
                commercial.hours >= commercialHours.value ? 'pass' : 'fail',
                commercial.km >= commercialKm.value ? 'pass' : 'fail',
              ),
              mpiKm(commercial) >= minMpi.value ? 'pass' : 'fail',
              commercial.atFaultAccidents === 0 ? 'pass' : 'fail',
            );
      const demonstrationRoute: RuleOutcome = allOf(
        qualified ? 'pass' : 'fail',
        demonstration === undefined
          ? 'needs_evidence'
          : allOf(
              anyOf(
                demonstration.hours >= demoHours.value ? 'pass' : 'fail',
                demonstration.km >= demoKm.value ? 'pass' : 'fail',
              ),
              demonstration.atFaultAccidents === 0 ? 'pass' : 'fail',
            ),
      );
      const mpi: LocalizedText =
        commercial === undefined
          ? { zh: '', en: '' }
          : commercial.disengagements === 0
            ? { zh: '，无脱离', en: ', no disengagement' }
            : { zh: `，MPI ${oneDecimal(mpiKm(commercial))} km`, en: `, MPI ${oneDecimal(mpiKm(commercial))} km` };
      const commercialShown = describeRecord(commercial);
      const demonstrationShown = describeRecord(demonstration);
      return result({
        outcome: anyOf(commercialRoute, demonstrationRoute),
        subject: { type: 'vehicle', id: vehicle.id },
        uses: [commercialHours, commercialKm, minMpi, demoHours, demoKm],
        message: {
          zh: `车辆 ${vehicleLabel(vehicle)}：(a) 有人商业化试点 ${commercialShown.zh}${mpi.zh}，要求 ≥ ${plain(commercialHours.value)} h 或 ≥ ${plain(commercialKm.value)} km、MPI ≥ ${plain(minMpi.value)} km 且无有责事故；(b) 深圳无人化示范资格${qualified ? '已持有' : '未持有'}，无人化示范 ${demonstrationShown.zh}，要求持有资格、≥ ${plain(demoHours.value)} h 或 ≥ ${plain(demoKm.value)} km 且无有责事故；满足其一即可`,
          en: `vehicle ${vehicleLabel(vehicle)}: (a) commercial pilot ${commercialShown.en}${mpi.en}, needs ≥ ${plain(commercialHours.value)} h or ≥ ${plain(commercialKm.value)} km, MPI ≥ ${plain(minMpi.value)} km and no at-fault accident; (b) Shenzhen driverless qualification ${qualified ? 'held' : 'not held'}, driverless demonstration ${demonstrationShown.en}, needs the qualification, ≥ ${plain(demoHours.value)} h or ≥ ${plain(demoKm.value)} km and no at-fault accident; either suffices`,
        },
      });
    });
  },
});

/** NS-SMALL: a safety officer assigned to each small unmanned vehicle (on site or remote). */
const smallVehicleOfficers = defineRule({
  id: 'NS-SMALL',
  citation: { document: DOCUMENTS.nanshanSmallVehicles, confidence: 'S' },
  summary: {
    zh: '每辆无人小车配备安全员',
    en: 'a safety officer assigned to each small unmanned vehicle',
  },
  appliesTo: { kinds: ['SMALL_UNMANNED_VEHICLE'] },
  evaluate: (facts, settings, result) => {
    const perVehicle = settings.read(PINGSHAN_SETTINGS.smallVehicleSafetyOfficersPerVehicle);
    const officers = facts.operators.length + facts.remoteOperators.length;
    const needed = facts.vehicles.length * perVehicle.value;
    return result({
      outcome: officers >= needed ? 'pass' : officers === 0 ? 'needs_evidence' : 'fail',
      uses: [perVehicle],
      message: {
        zh: `安全员 ${officers} 名（现场 ${facts.operators.length}、远程 ${facts.remoteOperators.length}），车辆 ${facts.vehicles.length} 辆；要求每车 ${plain(perVehicle.value)} 名，即至少 ${needed} 名`,
        en: `${counted(officers, 'safety officer')} (${facts.operators.length} on site, ${facts.remoteOperators.length} remote) for ${facts.vehicles.length} vehicles; needs ${plain(perVehicle.value)} per vehicle, i.e. ≥ ${needed}`,
      },
    });
  },
});

/** Pingshan district (whole-district opening, 2022-12), under Shenzhen and Guangdong. */
export const PINGSHAN_PACK: RulePack = {
  jurisdiction: 'CN-SZ-PINGSHAN',
  version: '2026.11.0',
  title: { zh: '深圳市坪山区', en: 'Shenzhen Pingshan district' },
  extends: SHENZHEN_PACK,
  settings: {
    [PINGSHAN_SETTINGS.commercialPilotMinHours.key]: { value: 1200, isDefault: true, source: NANSHAN_DEFAULT },
    [PINGSHAN_SETTINGS.commercialPilotMinKm.key]: { value: 5000, isDefault: true, source: NANSHAN_DEFAULT },
    [PINGSHAN_SETTINGS.commercialPilotMinMpiKm.key]: { value: 100, isDefault: true, source: NANSHAN_DEFAULT },
    [PINGSHAN_SETTINGS.driverlessDemoMinHours.key]: { value: 240, isDefault: true, source: NANSHAN_DEFAULT },
    [PINGSHAN_SETTINGS.driverlessDemoMinKm.key]: { value: 1000, isDefault: true, source: NANSHAN_DEFAULT },
    [PINGSHAN_SETTINGS.smallVehicleSafetyOfficersPerVehicle.key]: {
      value: 1,
      isDefault: true,
      source:
        'NS-SMALL: Nanshan assigns a safety officer to each vehicle; Pingshan small-vehicle rules unconfirmed (PS-DOCS)',
    },
  },
  rules: [driverlessPrerequisite, smallVehicleOfficers],
  overrides: {},
};
