import { canonicalJson } from '@app/audit';
import { sha256Hex } from '@app/core';
import { PermitStatus } from '@app/permits';
import { type LocalizedText, NATIONAL_SETTINGS, packFor, PERMIT_KINDS, type PermitKind, resolvePack } from '@app/rules';
import { ALERT_TYPES, IncidentKind, kmPerTakeover } from '@app/supervision';
import { hours, km } from '@app/telemetry';
import { type ReportPeriod } from './periods';

export const REPORT_KINDS = ['PERMIT_MONTHLY', 'ENTERPRISE_MONTHLY', 'NOTICE_FILING_SEMIANNUAL'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Facts: what the queries read, in the shape the generators need. Any order; the output is sorted.
// ---------------------------------------------------------------------------------------------

export interface JurisdictionFacts {
  code: string;
  name: LocalizedText;
  timeZone: string;
}

export interface EnterpriseFacts {
  id: string;
  name: string;
  creditCode: string;
}

export interface PermitVehicleFacts {
  vehicleId: string;
  vin: string;
  plate: string | null;
  vehicleCode: string | null;
  /** Local day the vehicle was put on the permit: it counts for the permit from then on. */
  addedOn: string;
}

export interface PermitFacts {
  id: string;
  noticeNumber: string;
  kind: PermitKind;
  validFrom: string;
  validTo: string;
  vehicles: PermitVehicleFacts[];
}

/** One vehicle_daily_stats row: mileage in mm and driving time in ms by mode. */
export interface VehicleDayStats {
  vehicleId: string;
  day: string;
  autonomousMm: number;
  manualMm: number;
  remoteMm: number;
  autonomousMs: number;
  manualMs: number;
  remoteMs: number;
}

/** Takeovers, incidents (by kind) or alerts opened (by type) of a vehicle on a local day. */
export interface VehicleDayEvents {
  vehicleId: string;
  day: string;
  source: 'TAKEOVER' | 'INCIDENT' | 'ALERT';
  type: string;
  count: number;
}

/** Commercial trips of a vehicle under a permit in the period. */
export interface VehicleTrips {
  permitId: string;
  vehicleId: string;
  trips: number;
  passengers: number;
  cargoTonnes: number;
  revenueCny: number;
}

export interface ActivityFacts {
  days: VehicleDayStats[];
  events: VehicleDayEvents[];
  trips: VehicleTrips[];
}

export interface PermitMonthlyInput extends ActivityFacts {
  jurisdiction: JurisdictionFacts;
  period: ReportPeriod;
  enterprise: EnterpriseFacts;
  permit: PermitFacts;
}

export interface EnterpriseMonthlyInput extends ActivityFacts {
  jurisdiction: JurisdictionFacts;
  period: ReportPeriod;
  enterprise: EnterpriseFacts;
  permits: PermitFacts[];
}

export interface NoticeFilingInput {
  jurisdiction: JurisdictionFacts;
  period: ReportPeriod;
  permits: { kind: PermitKind; status: PermitStatus; issuedOn: string }[];
}

// ---------------------------------------------------------------------------------------------
// Content: what is stored (jsonb), hashed and downloaded. Nothing here depends on when it was made.
// ---------------------------------------------------------------------------------------------

export interface ActivityFigures {
  autonomousKm: number;
  manualKm: number;
  remoteKm: number;
  autonomousHours: number;
  manualHours: number;
  remoteHours: number;
  takeovers: number;
  /** Autonomous km per takeover; null without takeovers. */
  kmPerTakeover: number | null;
  incidents: number;
  incidentsByKind: Record<string, number>;
  alertsOpened: number;
  alertsByType: Record<string, number>;
  trips: number;
  passengers: number;
  cargoTonnes: number;
  revenueCny: number;
}

export interface VehicleRow extends ActivityFigures {
  vehicleId: string;
  vin: string;
  plate: string | null;
  vehicleCode: string | null;
  /** The local days counted for this vehicle: the month, within the permit's validity, from the day it was added. */
  from: string;
  to: string;
}

export interface PermitRow extends ActivityFigures {
  permitId: string;
  noticeNumber: string;
  kind: PermitKind;
  validFrom: string;
  validTo: string;
  vehicles: number;
}

export type ActivityTotals = ActivityFigures & { vehicles: number };

export interface FilingCounts {
  /** Notices issued in the period. */
  issued: number;
  /** Notices issued up to the end of the period, by their status when the report was generated. */
  active: number;
  suspended: number;
  revoked: number;
  expired: number;
}

export interface FilingRow extends FilingCounts {
  kind: PermitKind;
  kindName: LocalizedText;
}

export interface RuleCitation {
  id: string;
  text: LocalizedText;
}

export interface ReportHeader {
  title: LocalizedText;
  jurisdiction: JurisdictionFacts;
  period: ReportPeriod;
  /** RULES.md ids the report answers to. */
  rules: RuleCitation[];
  /** How to read the figures. */
  notes: LocalizedText[];
}

export interface MonthlyHeader extends ReportHeader {
  enterprise: EnterpriseFacts;
  /** The jurisdiction's periodic-report interval these monthly figures feed (CN-NAT-REPORT / GD-REPORT). */
  periodicReport: { intervalMonths: number; isDefault: boolean };
}

export interface PermitMonthlyContent {
  kind: 'PERMIT_MONTHLY';
  header: MonthlyHeader & { permit: Omit<PermitFacts, 'vehicles'> };
  rows: VehicleRow[];
  totals: ActivityTotals;
}

export interface EnterpriseMonthlyContent {
  kind: 'ENTERPRISE_MONTHLY';
  header: MonthlyHeader;
  rows: PermitRow[];
  totals: ActivityTotals;
}

export interface NoticeFilingContent {
  kind: 'NOTICE_FILING_SEMIANNUAL';
  header: ReportHeader;
  rows: FilingRow[];
  totals: FilingCounts;
}

export type ReportContent = PermitMonthlyContent | EnterpriseMonthlyContent | NoticeFilingContent;

/** SHA-256 of the content with keys sorted at every depth, so the jsonb round trip hashes the same. */
export function contentSha256(content: ReportContent): string {
  return sha256Hex(canonicalJson(content));
}

export const PERMIT_KIND_NAMES: Record<PermitKind, LocalizedText> = {
  ROAD_TEST: { zh: '道路测试', en: 'Road test' },
  MANNED_PILOT: { zh: '载人示范 / 有人商业化试点', en: 'Manned pilot' },
  DRIVERLESS_PILOT: { zh: '无人化测试 / 无人商业化试点', en: 'Driverless pilot' },
  SMALL_UNMANNED_VEHICLE: { zh: '无人小车', en: 'Small unmanned vehicle' },
};

const RULE_TEXTS: Record<string, LocalizedText> = {
  'CN-NAT-REPORT': {
    zh: '测试与示范主体定期提交阶段性报告，并在活动结束后 1 个月内提交总结报告',
    en: 'Test and pilot entities submit periodic reports, and a final report within 1 month of the end of the activity',
  },
  'GD-REPORT': {
    zh: '广东省：主体按季度报告，并在结束后 1 个月内提交总结报告（粤工信规字〔2022〕4号第二十九条）',
    en: 'Guangdong: entities report quarterly and give a final report within 1 month of the end (Art. 29)',
  },
  'CN-NAT-FILING': {
    zh: '地方主管部门每年 6 月和 12 月向工业和信息化部、公安部、交通运输部报送所发放的通知书情况',
    en: 'Local authorities report the notices they issued to MIIT, MPS and MOT every June and December',
  },
};

const cite = (id: string, fallback: string): RuleCitation => ({
  id,
  text: RULE_TEXTS[id] ?? { zh: fallback, en: fallback },
});

/**
 * The periodic-report rules of a jurisdiction: the national one, plus the rule its pack cites for the
 * interval where a layer replaces it (GD-REPORT for Pingshan).
 */
function periodicReportRules(jurisdictionCode: string): MonthlyHeader['periodicReport'] & { rules: RuleCitation[] } {
  const setting = resolvePack(packFor(jurisdictionCode)).settings[NATIONAL_SETTINGS.periodicReportIntervalMonths.key];
  const citedId = /^[A-Z]+(?:-[A-Z0-9]+)+/.exec(setting.source)?.[0] ?? 'CN-NAT-REPORT';
  const ids = [...new Set(['CN-NAT-REPORT', citedId])];
  return {
    intervalMonths: setting.value as number,
    isDefault: setting.isDefault,
    rules: ids.map((id) => cite(id, setting.source)),
  };
}

const dayNote = (timeZone: string): LocalizedText => ({
  zh: `日期为 ${timeZone} 时区的自然日；车辆自月初、通知书有效期起始日与纳入通知书之日三者中最晚的一天起，计至月末与有效期截止日中较早的一天`,
  en: `Days are calendar days in ${timeZone}; a vehicle counts from the latest of the month start, the permit's validity start and the day it was added to the permit, to the earlier of the month end and the validity end`,
});

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Monthly figures of one permit: a row per vehicle on it, and the permit's totals. */
export function permitMonthlyReport(input: PermitMonthlyInput): PermitMonthlyContent {
  const facts = indexFacts(input);
  const section = permitSection(input.permit, input.period, facts);
  const { rules, ...periodicReport } = periodicReportRules(input.jurisdiction.code);
  const { vehicles: _vehicles, ...permit } = input.permit;
  return {
    kind: 'PERMIT_MONTHLY',
    header: {
      title: { zh: '通知书月度运行报告', en: 'Permit monthly report' },
      jurisdiction: input.jurisdiction,
      period: input.period,
      rules,
      notes: [dayNote(input.jurisdiction.timeZone)],
      enterprise: input.enterprise,
      permit,
      periodicReport,
    },
    rows: section.rows,
    totals: section.totals,
  };
}

/**
 * Monthly figures of an enterprise: a row per permit valid during the month, and enterprise totals that
 * count each vehicle-day once (a vehicle on two permits appears in both rows).
 */
export function enterpriseMonthlyReport(input: EnterpriseMonthlyInput): EnterpriseMonthlyContent {
  const facts = indexFacts(input);
  const permits = [...input.permits].sort((a, b) => compare(a.noticeNumber, b.noticeNumber));
  const sections = permits.map((permit) => ({ permit, section: permitSection(permit, input.period, facts) }));
  const windows = new Map<string, { from: string; to: string }[]>();
  const tripKeys = new Set<string>();
  for (const { permit, section } of sections) {
    for (const row of section.rows) {
      windows.set(row.vehicleId, [...(windows.get(row.vehicleId) ?? []), { from: row.from, to: row.to }]);
      tripKeys.add(`${permit.id}/${row.vehicleId}`);
    }
  }
  const sums = emptySums();
  for (const [vehicleId, spans] of windows) {
    const covered = (day: string) => spans.some((w) => day >= w.from && day <= w.to);
    addActivity(sums, facts, vehicleId, covered);
  }
  for (const trip of input.trips) if (tripKeys.has(`${trip.permitId}/${trip.vehicleId}`)) addTrips(sums, trip);
  const { rules, ...periodicReport } = periodicReportRules(input.jurisdiction.code);
  return {
    kind: 'ENTERPRISE_MONTHLY',
    header: {
      title: { zh: '企业月度运行报告', en: 'Enterprise monthly report' },
      jurisdiction: input.jurisdiction,
      period: input.period,
      rules,
      notes: [
        dayNote(input.jurisdiction.timeZone),
        {
          zh: '企业合计中每辆车每天只计一次：同一车辆持有两份通知书时，合计可能小于各通知书行之和',
          en: 'Enterprise totals count each vehicle-day once, so they can be less than the sum of the permit rows when a vehicle holds two permits',
        },
      ],
      enterprise: input.enterprise,
      periodicReport,
    },
    rows: sections.map(({ permit, section }) => ({
      permitId: permit.id,
      noticeNumber: permit.noticeNumber,
      kind: permit.kind,
      validFrom: permit.validFrom,
      validTo: permit.validTo,
      ...section.totals,
    })),
    totals: { ...figuresOf(sums), vehicles: windows.size },
  };
}

/**
 * The semi-annual filing of a jurisdiction's notices (CN-NAT-FILING): per permit kind, the notices issued
 * in the half-year, and the statuses of all notices issued up to its end as at generation.
 */
export function noticeFilingReport(input: NoticeFilingInput): NoticeFilingContent {
  const { start, end } = input.period;
  const rows = PERMIT_KINDS.map((kind): FilingRow => {
    const upToEnd = input.permits.filter((p) => p.kind === kind && p.issuedOn <= end);
    const withStatus = (status: PermitStatus) => upToEnd.filter((p) => p.status === status).length;
    return {
      kind,
      kindName: PERMIT_KIND_NAMES[kind],
      issued: upToEnd.filter((p) => p.issuedOn >= start).length,
      active: withStatus(PermitStatus.Active),
      suspended: withStatus(PermitStatus.Suspended),
      revoked: withStatus(PermitStatus.Revoked),
      expired: withStatus(PermitStatus.Expired),
    };
  });
  const total = (pick: (row: FilingRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  return {
    kind: 'NOTICE_FILING_SEMIANNUAL',
    header: {
      title: { zh: '通知书发放情况半年报送', en: 'Semi-annual filing of issued notices' },
      jurisdiction: input.jurisdiction,
      period: input.period,
      rules: [cite('CN-NAT-FILING', 'CN-NAT-FILING')],
      notes: [
        {
          zh: `“本期发放”按 ${input.jurisdiction.timeZone} 时区的签发日期统计；状态为报告生成时的状态（见 generatedAt），只统计期末前签发的通知书`,
          en: `"Issued" counts notices by their issue date in ${input.jurisdiction.timeZone}; statuses are as at generation (see generatedAt) and cover notices issued up to the end of the period`,
        },
      ],
    },
    rows,
    totals: {
      issued: total((r) => r.issued),
      active: total((r) => r.active),
      suspended: total((r) => r.suspended),
      revoked: total((r) => r.revoked),
      expired: total((r) => r.expired),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sums are kept in integers (mm, ms, kg, fen) so that totals do not depend on the order of the facts.
// ---------------------------------------------------------------------------------------------

interface Sums {
  autonomousMm: number;
  manualMm: number;
  remoteMm: number;
  autonomousMs: number;
  manualMs: number;
  remoteMs: number;
  takeovers: number;
  incidentsByKind: Record<string, number>;
  alertsByType: Record<string, number>;
  trips: number;
  passengers: number;
  cargoKg: number;
  revenueFen: number;
}

interface IndexedFacts {
  days: Map<string, VehicleDayStats[]>;
  events: Map<string, VehicleDayEvents[]>;
  trips: VehicleTrips[];
}

function indexFacts(facts: ActivityFacts): IndexedFacts {
  const byVehicle = <T extends { vehicleId: string }>(items: T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.vehicleId, [...(map.get(item.vehicleId) ?? []), item]);
    return map;
  };
  return { days: byVehicle(facts.days), events: byVehicle(facts.events), trips: facts.trips };
}

function emptySums(): Sums {
  return {
    autonomousMm: 0,
    manualMm: 0,
    remoteMm: 0,
    autonomousMs: 0,
    manualMs: 0,
    remoteMs: 0,
    takeovers: 0,
    incidentsByKind: Object.fromEntries(Object.values(IncidentKind).map((kind) => [kind, 0])),
    alertsByType: Object.fromEntries(ALERT_TYPES.map((type) => [type, 0])),
    trips: 0,
    passengers: 0,
    cargoKg: 0,
    revenueFen: 0,
  };
}

function addActivity(sums: Sums, facts: IndexedFacts, vehicleId: string, covered: (day: string) => boolean): void {
  for (const d of facts.days.get(vehicleId) ?? []) {
    if (!covered(d.day)) continue;
    sums.autonomousMm += d.autonomousMm;
    sums.manualMm += d.manualMm;
    sums.remoteMm += d.remoteMm;
    sums.autonomousMs += d.autonomousMs;
    sums.manualMs += d.manualMs;
    sums.remoteMs += d.remoteMs;
  }
  for (const e of facts.events.get(vehicleId) ?? []) {
    if (!covered(e.day)) continue;
    if (e.source === 'TAKEOVER') sums.takeovers += e.count;
    else if (e.source === 'INCIDENT') sums.incidentsByKind[e.type] = (sums.incidentsByKind[e.type] ?? 0) + e.count;
    else sums.alertsByType[e.type] = (sums.alertsByType[e.type] ?? 0) + e.count;
  }
}

function addTrips(sums: Sums, trip: VehicleTrips): void {
  sums.trips += trip.trips;
  sums.passengers += trip.passengers;
  sums.cargoKg += Math.round(trip.cargoTonnes * 1000);
  sums.revenueFen += Math.round(trip.revenueCny * 100);
}

function addSums(into: Sums, from: Sums): void {
  for (const key of [
    'autonomousMm',
    'manualMm',
    'remoteMm',
    'autonomousMs',
    'manualMs',
    'remoteMs',
    'takeovers',
    'trips',
    'passengers',
    'cargoKg',
    'revenueFen',
  ] as const)
    into[key] += from[key];
  for (const [kind, n] of Object.entries(from.incidentsByKind))
    into.incidentsByKind[kind] = (into.incidentsByKind[kind] ?? 0) + n;
  for (const [type, n] of Object.entries(from.alertsByType))
    into.alertsByType[type] = (into.alertsByType[type] ?? 0) + n;
}

/** km and hours as the telemetry statistics API gives them, so the figures can be compared. */
function figuresOf(sums: Sums): ActivityFigures {
  const autonomousKm = km(sums.autonomousMm);
  const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((t, n) => t + n, 0);
  return {
    autonomousKm,
    manualKm: km(sums.manualMm),
    remoteKm: km(sums.remoteMm),
    autonomousHours: hours(sums.autonomousMs),
    manualHours: hours(sums.manualMs),
    remoteHours: hours(sums.remoteMs),
    takeovers: sums.takeovers,
    kmPerTakeover: kmPerTakeover(autonomousKm, sums.takeovers),
    incidents: sumOf(sums.incidentsByKind),
    incidentsByKind: sortedKeys(sums.incidentsByKind),
    alertsOpened: sumOf(sums.alertsByType),
    alertsByType: sortedKeys(sums.alertsByType),
    trips: sums.trips,
    passengers: sums.passengers,
    cargoTonnes: sums.cargoKg / 1000,
    revenueCny: sums.revenueFen / 100,
  };
}

function permitSection(
  permit: PermitFacts,
  period: ReportPeriod,
  facts: IndexedFacts,
): { rows: VehicleRow[]; totals: ActivityTotals } {
  const totals = emptySums();
  const rows: VehicleRow[] = [];
  const vehicles = [...permit.vehicles].sort((a, b) => compare(a.vin, b.vin) || compare(a.vehicleId, b.vehicleId));
  for (const vehicle of vehicles) {
    const from = [period.start, permit.validFrom, vehicle.addedOn].reduce((a, b) => (a > b ? a : b));
    const to = period.end < permit.validTo ? period.end : permit.validTo;
    // Added after the month (or the validity) ended: not on the permit during the period.
    if (from > to) continue;
    const sums = emptySums();
    addActivity(sums, facts, vehicle.vehicleId, (day) => day >= from && day <= to);
    for (const trip of facts.trips)
      if (trip.permitId === permit.id && trip.vehicleId === vehicle.vehicleId) addTrips(sums, trip);
    addSums(totals, sums);
    rows.push({
      vehicleId: vehicle.vehicleId,
      vin: vehicle.vin,
      plate: vehicle.plate,
      vehicleCode: vehicle.vehicleCode,
      from,
      to,
      ...figuresOf(sums),
    });
  }
  return { rows, totals: { ...figuresOf(totals), vehicles: rows.length } };
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => compare(a, b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
