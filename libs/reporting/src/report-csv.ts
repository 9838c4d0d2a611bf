import { stringify } from 'csv-stringify/sync';
import { type LocalizedText } from '@app/rules';
import {
  type ActivityFigures,
  type FilingCounts,
  type FilingRow,
  type PermitRow,
  type ReportContent,
  type VehicleRow,
} from './report-content';

export type CsvValue = string | number | null;

/**
 * A whole CSV file (RFC 4180 via csv-stringify): a byte order mark so Excel reads it as UTF-8 and
 * shows Chinese, CRLF line ends, and text a spreadsheet would run as a formula (=, +, -, @)
 * prefixed with an apostrophe.
 */
export function toCsv(rows: CsvValue[][]): string {
  return stringify(rows, {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

interface CsvColumn<Row> {
  title: LocalizedText;
  value: (row: Row) => CsvValue;
}

const INCIDENT_KIND_NAMES: Record<string, string> = { COLLISION: '碰撞', TRAFFIC_VIOLATION: '交通违法' };
const ALERT_TYPE_NAMES: Record<string, string> = {
  NO_ACTIVE_PERMIT: '无有效通知书',
  OUTSIDE_ZONE: '超出许可区域',
  OUTSIDE_HOURS: '超出许可时段',
  OVERSPEED: '超速',
  STAGE_EXCEEDED: '超出无人化阶段',
  POSITION_JUMP: '位置跳变',
  TELEMETRY_GAP: '数据中断',
  INCIDENT_REPORTED_LATE: '事故报告逾期',
  INCIDENT_ANALYSIS_OVERDUE: '事故分析报告逾期',
  DEVICE_OFFLINE: '路侧设备离线',
};

/** The figure columns; incident kinds and alert types are the ones the report itself carries. */
function figureColumns(sample: ActivityFigures): CsvColumn<ActivityFigures>[] {
  return [
    { title: { zh: '自动驾驶里程 (km)', en: 'Autonomous km' }, value: (r) => r.autonomousKm },
    { title: { zh: '人工驾驶里程 (km)', en: 'Manual km' }, value: (r) => r.manualKm },
    { title: { zh: '远程驾驶里程 (km)', en: 'Remote km' }, value: (r) => r.remoteKm },
    { title: { zh: '自动驾驶时长 (h)', en: 'Autonomous hours' }, value: (r) => r.autonomousHours },
    { title: { zh: '人工驾驶时长 (h)', en: 'Manual hours' }, value: (r) => r.manualHours },
    { title: { zh: '远程驾驶时长 (h)', en: 'Remote hours' }, value: (r) => r.remoteHours },
    { title: { zh: '接管次数', en: 'Takeovers' }, value: (r) => r.takeovers },
    { title: { zh: '平均每次接管自动驾驶里程 (km)', en: 'Km per takeover' }, value: (r) => r.kmPerTakeover },
    { title: { zh: '事件数', en: 'Incidents' }, value: (r) => r.incidents },
    ...Object.keys(sample.incidentsByKind).map((kind) => ({
      title: { zh: `事件：${INCIDENT_KIND_NAMES[kind] ?? kind}`, en: `Incidents: ${kind}` },
      value: (r: ActivityFigures) => r.incidentsByKind[kind] ?? 0,
    })),
    { title: { zh: '新增告警数', en: 'Alerts opened' }, value: (r) => r.alertsOpened },
    ...Object.keys(sample.alertsByType).map((type) => ({
      title: { zh: `告警：${ALERT_TYPE_NAMES[type] ?? type}`, en: `Alerts: ${type}` },
      value: (r: ActivityFigures) => r.alertsByType[type] ?? 0,
    })),
    { title: { zh: '商业运营单数', en: 'Trips' }, value: (r) => r.trips },
    { title: { zh: '载客人次', en: 'Passengers' }, value: (r) => r.passengers },
    { title: { zh: '载货量 (吨)', en: 'Cargo tonnes' }, value: (r) => r.cargoTonnes },
    { title: { zh: '营业收入 (元)', en: 'Revenue CNY' }, value: (r) => r.revenueCny },
  ];
}

const TOTAL = '合计 / Total';

/** The report as a table: a header row of bilingual column names, one row per vehicle, permit or kind, and a totals row. */
export function reportCsv(content: ReportContent): string {
  switch (content.kind) {
    case 'PERMIT_MONTHLY':
      return table<VehicleRow, ActivityFigures>(
        [
          { title: { zh: '车辆识别代号', en: 'VIN' }, value: (r) => r.vin, total: TOTAL },
          { title: { zh: '号牌或车身编码', en: 'Plate or vehicle code' }, value: (r) => r.plate ?? r.vehicleCode },
          { title: { zh: '统计起始日', en: 'From' }, value: (r) => r.from },
          { title: { zh: '统计截止日', en: 'To' }, value: (r) => r.to },
        ],
        figureColumns(content.totals),
        content.rows,
        content.totals,
      );
    case 'ENTERPRISE_MONTHLY':
      return table<PermitRow, ActivityFigures & { vehicles: number }>(
        [
          { title: { zh: '通知书编号', en: 'Notice number' }, value: (r) => r.noticeNumber, total: TOTAL },
          { title: { zh: '通知书类型', en: 'Permit kind' }, value: (r) => r.kind },
          { title: { zh: '有效期起', en: 'Valid from' }, value: (r) => r.validFrom },
          { title: { zh: '有效期止', en: 'Valid to' }, value: (r) => r.validTo },
        ],
        [{ title: { zh: '车辆数', en: 'Vehicles' }, value: (r) => r.vehicles }, ...figureColumns(content.totals)],
        content.rows,
        content.totals,
      );
    case 'NOTICE_FILING_SEMIANNUAL':
      return table<FilingRow, FilingCounts>(
        [
          { title: { zh: '通知书类型', en: 'Permit kind' }, value: (r) => r.kind, total: TOTAL },
          { title: { zh: '类型名称', en: 'Kind name' }, value: (r) => `${r.kindName.zh} / ${r.kindName.en}` },
        ],
        [
          { title: { zh: '本期发放', en: 'Issued in period' }, value: (r) => r.issued },
          { title: { zh: '有效', en: 'Active' }, value: (r) => r.active },
          { title: { zh: '暂停', en: 'Suspended' }, value: (r) => r.suspended },
          { title: { zh: '撤销', en: 'Revoked' }, value: (r) => r.revoked },
          { title: { zh: '到期', en: 'Expired' }, value: (r) => r.expired },
        ],
        content.rows,
        content.totals,
      );
  }
}

/** Identity columns (the totals row shows `total` in them, or nothing), then figure columns for rows and totals alike. */
function table<Row extends Totals, Totals>(
  identity: (CsvColumn<Row> & { total?: string })[],
  figures: CsvColumn<Totals>[],
  rows: Row[],
  totals: Totals,
): string {
  const title = (c: { title: LocalizedText }) => `${c.title.zh} / ${c.title.en}`;
  return toCsv([
    [...identity.map(title), ...figures.map(title)],
    ...rows.map((row) => [...identity.map((c) => c.value(row)), ...figures.map((c) => c.value(row))]),
    [...identity.map((c) => c.total ?? null), ...figures.map((c) => c.value(totals))],
  ]);
}

/** e.g. `permit-monthly-PS-MP-2026-000001-2026-10.csv`; ASCII only, so no header encoding is needed. */
export function reportCsvFileName(content: ReportContent): string {
  const subject =
    content.kind === 'PERMIT_MONTHLY'
      ? `permit-monthly-${content.header.permit.noticeNumber}`
      : content.kind === 'ENTERPRISE_MONTHLY'
        ? `enterprise-monthly-${content.header.enterprise.creditCode}`
        : `notice-filing-${content.header.jurisdiction.code}`;
  return `${subject}-${content.header.period.label}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}
