import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { PermitStatus } from '@app/permits';
import { parsePeriod } from './periods';
import { enterpriseMonthlyReport, noticeFilingReport, permitMonthlyReport } from './report-content';
import { reportCsv, reportCsvFileName, toCsv } from './report-csv';

/** The CSV as a spreadsheet reads it back (csv-parse, byte order mark dropped). */
const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(
      toCsv([['PS-RT-2026-000001', '深圳市坪山区, 广东', 'the "A" line', 'two\nlines', '=HYPERLINK("x")', -3.5, null]]),
    ).toBe(
      '\uFEFFPS-RT-2026-000001,"深圳市坪山区, 广东","the ""A"" line","two\nlines","\'=HYPERLINK(""x"")",-3.5,\r\n',
    );
  });

  it('writes a byte order mark and CRLF line ends, and reads back to the same fields', () => {
    expect(
      toCsv([
        ['a', 1],
        [null, 'b'],
      ]),
    ).toBe('\uFEFFa,1\r\n,b\r\n');
    const text = fc.string({
      unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '\r', '粤', '里', '.', '=', '-'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const written = toCsv(rows);
        expect(written.startsWith('\uFEFF')).toBe(true);
        const defused = rows.map((row) => row.map((field) => (/^[=+\-@\t\r]/.test(field) ? `'${field}` : field)));
        expect(parseCsv(written.slice(1))).toEqual(defused);
      }),
    );
  });

  it('turns a permit report into a header row, a row per vehicle and a totals row', () => {
    const report = permitMonthlyReport({
      jurisdiction: { code: 'CN-SZ-PINGSHAN', name: { zh: '坪山', en: 'Pingshan' }, timeZone: 'Asia/Shanghai' },
      period: parsePeriod('2026-10', 'month')!,
      enterprise: { id: 'e', name: '测试出行', creditCode: '91440310MA5XXXXXX1' },
      permit: {
        id: 'p',
        noticeNumber: 'PS-MP-2026-000001',
        kind: 'MANNED_PILOT',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        vehicles: [
          { vehicleId: 'v1', vin: 'LBV1', plate: '粤B00001D', vehicleCode: null, addedOn: '2026-01-01' },
          { vehicleId: 'v2', vin: 'LBV2', plate: null, vehicleCode: 'MT0042', addedOn: '2026-01-01' },
        ],
      },
      days: [
        {
          vehicleId: 'v1',
          day: '2026-10-03',
          autonomousMm: 12_345_678,
          manualMm: 1_000_000,
          remoteMm: 0,
          autonomousMs: 1_800_000,
          manualMs: 0,
          remoteMs: 0,
        },
      ],
      events: [{ vehicleId: 'v1', day: '2026-10-03', source: 'TAKEOVER', type: 'TAKEOVER', count: 3 }],
      trips: [{ permitId: 'p', vehicleId: 'v2', trips: 2, passengers: 3, cargoTonnes: 0, revenueCny: 41.5 }],
    });
    const rows = parseCsv(reportCsv(report).slice(1));
    expect(rows).toHaveLength(4);
    const column = (en: string) => rows[0].findIndex((title) => title.endsWith(`/ ${en}`));
    expect(rows[0][column('Autonomous km')]).toBe('自动驾驶里程 (km) / Autonomous km');
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['LBV1', '粤B00001D'],
      ['LBV2', 'MT0042'],
      ['合计 / Total', ''],
    ]);
    const totals = rows[3];
    expect(Number(totals[column('Autonomous km')])).toBe(report.totals.autonomousKm);
    expect(Number(totals[column('Takeovers')])).toBe(3);
    expect(Number(totals[column('Km per takeover')])).toBe(report.totals.kmPerTakeover);
    expect(Number(totals[column('Revenue CNY')])).toBe(41.5);
    expect(rows[2][column('Km per takeover')]).toBe('');
    expect(reportCsvFileName(report)).toBe('permit-monthly-PS-MP-2026-000001-2026-10.csv');
  });

  it('turns an enterprise report into a row per permit with its vehicle count', () => {
    const permit = (id: string, noticeNumber: string) => ({
      id,
      noticeNumber,
      kind: 'ROAD_TEST' as const,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      vehicles: [{ vehicleId: 'v1', vin: 'LBV1', plate: null, vehicleCode: null, addedOn: '2026-01-01' }],
    });
    const report = enterpriseMonthlyReport({
      jurisdiction: { code: 'CN-SZ-PINGSHAN', name: { zh: '坪山', en: 'Pingshan' }, timeZone: 'Asia/Shanghai' },
      period: parsePeriod('2026-10', 'month')!,
      enterprise: { id: 'e', name: '测试出行', creditCode: '91440310MA5XXXXXX1' },
      permits: [permit('p2', 'PS-RT-2026-000002'), permit('p1', 'PS-RT-2026-000001')],
      days: [],
      events: [],
      trips: [],
    });
    const rows = parseCsv(reportCsv(report).slice(1));
    const vehicles = rows[0].indexOf('车辆数 / Vehicles');
    expect(rows.slice(1).map((r) => [r[0], r[vehicles]])).toEqual([
      ['PS-RT-2026-000001', '1'],
      ['PS-RT-2026-000002', '1'],
      ['合计 / Total', '1'],
    ]);
    expect(reportCsvFileName(report)).toBe('enterprise-monthly-91440310MA5XXXXXX1-2026-10.csv');
  });

  it('turns the notice filing into a row per permit kind and a totals row', () => {
    const report = noticeFilingReport({
      jurisdiction: { code: 'CN-BJ-YIZHUANG', name: { zh: '亦庄', en: 'Yizhuang' }, timeZone: 'Asia/Shanghai' },
      period: parsePeriod('2026-H1', 'half-year')!,
      permits: [{ kind: 'SMALL_UNMANNED_VEHICLE', status: PermitStatus.Active, issuedOn: '2026-02-01' }],
    });
    const rows = parseCsv(reportCsv(report).slice(1));
    expect(rows.map((r) => r[0])).toEqual([
      '通知书类型 / Permit kind',
      'ROAD_TEST',
      'MANNED_PILOT',
      'DRIVERLESS_PILOT',
      'SMALL_UNMANNED_VEHICLE',
      '合计 / Total',
    ]);
    expect(rows[5].slice(2)).toEqual(['1', '1', '0', '0', '0']);
    expect(reportCsvFileName(report)).toBe('notice-filing-CN-BJ-YIZHUANG-2026-H1.csv');
  });
});
