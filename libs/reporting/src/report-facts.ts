import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundException } from '@app/core';
import { JurisdictionsService } from '@app/identity';
import { type PermitStatus } from '@app/permits';
import { type PermitKind } from '@app/rules';
import { OperationsService } from '@app/supervision';
import { nextDay, type ReportPeriod, startOfLocalDay } from './periods';
import {
  type ActivityFacts,
  type EnterpriseFacts,
  type JurisdictionFacts,
  type NoticeFilingInput,
  type PermitFacts,
  type PermitVehicleFacts,
  type VehicleDayEvents,
} from './report-content';

export type ReportedPermit = PermitFacts & { enterpriseId: string; jurisdictionCode: string };

/** Reads what the report generators need; no tenant scoping here, callers check visibility first. */
@Injectable()
export class ReportFacts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsService,
    private readonly jurisdictionRegistry: JurisdictionsService,
  ) {}

  async jurisdictions(): Promise<JurisdictionFacts[]> {
    return (await this.jurisdictionRegistry.list()).map((j) => ({
      code: j.code,
      name: { zh: j.nameZh, en: j.nameEn },
      timeZone: j.timezone,
    }));
  }

  async jurisdiction(code: string): Promise<JurisdictionFacts> {
    const found = (await this.jurisdictions()).find((j) => j.code === code);
    if (!found) throw new NotFoundException('Jurisdiction', code);
    return found;
  }

  async enterprise(id: string): Promise<EnterpriseFacts & { jurisdictionCode: string }> {
    const [row] = await this.dataSource.query<
      { id: string; name: string; credit_code: string; jurisdiction_code: string }[]
    >('SELECT id, name, credit_code, jurisdiction_code FROM enterprises WHERE id = $1', [id]);
    if (!row) throw new NotFoundException('Enterprise', id);
    return { id: row.id, name: row.name, creditCode: row.credit_code, jurisdictionCode: row.jurisdiction_code };
  }

  /**
   * Permits issued by the end of the period whose validity overlaps it, with their vehicles and the
   * local day each was added; narrowed to one permit, enterprise or jurisdiction.
   */
  async permitsValidIn(
    period: ReportPeriod,
    filter: { permitId?: string; enterpriseId?: string; jurisdictionCode?: string },
  ): Promise<ReportedPermit[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        notice_number: string;
        kind: PermitKind;
        valid_from: string;
        valid_to: string;
        enterprise_id: string;
        jurisdiction_code: string;
        vehicles: PermitVehicleFacts[];
      }[]
    >(
      `SELECT p.id, p.notice_number, p.kind, to_char(p.valid_from, 'YYYY-MM-DD') AS valid_from,
         to_char(p.valid_to, 'YYYY-MM-DD') AS valid_to, p.enterprise_id, p.jurisdiction_code,
         coalesce(json_agg(json_build_object('vehicleId', v.id, 'vin', v.vin, 'plate', v.plate, 'vehicleCode', v.vehicle_code,
           'addedOn', to_char((pv.added_at AT TIME ZONE j.timezone)::date, 'YYYY-MM-DD'))) FILTER (WHERE v.id IS NOT NULL), '[]') AS vehicles
       FROM permits p
       JOIN jurisdictions j ON j.code = p.jurisdiction_code
       LEFT JOIN permit_vehicles pv ON pv.permit_id = p.id
       LEFT JOIN vehicles v ON v.id = pv.vehicle_id
       WHERE p.valid_from <= $2::date AND p.valid_to >= $1::date
         AND (p.issued_at AT TIME ZONE j.timezone)::date <= $2::date
         AND ($3::uuid IS NULL OR p.id = $3) AND ($4::uuid IS NULL OR p.enterprise_id = $4)
         AND ($5::text IS NULL OR p.jurisdiction_code = $5)
       GROUP BY p.id ORDER BY p.notice_number`,
      [period.start, period.end, filter.permitId ?? null, filter.enterpriseId ?? null, filter.jurisdictionCode ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      noticeNumber: r.notice_number,
      kind: r.kind,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      enterpriseId: r.enterprise_id,
      jurisdictionCode: r.jurisdiction_code,
      vehicles: r.vehicles,
    }));
  }

  /**
   * Daily mileage and hours, takeovers, incidents and alerts opened of the permits' vehicles on the local
   * days of the period, and the permits' commercial trips started in it.
   */
  async activity(permits: PermitFacts[], period: ReportPeriod, timeZone: string): Promise<ActivityFacts> {
    const vehicleIds = [...new Set(permits.flatMap((p) => p.vehicles.map((v) => v.vehicleId)))];
    const days = await this.dataSource.query<
      {
        vehicle_id: string;
        day: string;
        autonomous_mm: string;
        manual_mm: string;
        remote_mm: string;
        autonomous_ms: string;
        manual_ms: string;
        remote_ms: string;
      }[]
    >(
      `SELECT vehicle_id, to_char(day, 'YYYY-MM-DD') AS day, autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms
       FROM vehicle_daily_stats WHERE vehicle_id = ANY($1::uuid[]) AND day BETWEEN $2::date AND $3::date`,
      [vehicleIds, period.start, period.end],
    );
    // Events count on the local day they happened, as the daily statistics and the disengagement report do.
    const events = await this.dataSource.query<
      { source: VehicleDayEvents['source']; vehicle_id: string; day: string; type: string; count: number }[]
    >(
      `WITH bounds AS (
         SELECT ($2::date::timestamp AT TIME ZONE $4::text) AS lo, (($3::date + 1)::timestamp AT TIME ZONE $4::text) AS hi)
       SELECT 'TAKEOVER' AS source, t.vehicle_id, to_char((t.ts AT TIME ZONE $4::text)::date, 'YYYY-MM-DD') AS day,
         'TAKEOVER' AS type, count(*)::int AS count
       FROM takeovers t, bounds b WHERE t.vehicle_id = ANY($1::uuid[]) AND t.ts >= b.lo AND t.ts < b.hi GROUP BY 2, 3
       UNION ALL
       SELECT 'INCIDENT', i.vehicle_id, to_char((i.occurred_at AT TIME ZONE $4::text)::date, 'YYYY-MM-DD'), i.kind, count(*)::int
       FROM incidents i, bounds b WHERE i.vehicle_id = ANY($1::uuid[]) AND i.occurred_at >= b.lo AND i.occurred_at < b.hi
       GROUP BY 2, 3, 4
       UNION ALL
       SELECT 'ALERT', a.vehicle_id, to_char((a.first_seen AT TIME ZONE $4::text)::date, 'YYYY-MM-DD'), a.type, count(*)::int
       FROM alerts a, bounds b WHERE a.vehicle_id = ANY($1::uuid[]) AND a.first_seen >= b.lo AND a.first_seen < b.hi
       GROUP BY 2, 3, 4`,
      [vehicleIds, period.start, period.end, timeZone],
    );
    const trips = await this.operations.totalsByVehicle(
      permits.map((p) => p.id),
      startOfLocalDay(period.start, timeZone),
      startOfLocalDay(nextDay(period.end), timeZone),
    );
    return {
      days: days.map((d) => ({
        vehicleId: d.vehicle_id,
        day: d.day,
        autonomousMm: Number(d.autonomous_mm),
        manualMm: Number(d.manual_mm),
        remoteMm: Number(d.remote_mm),
        autonomousMs: Number(d.autonomous_ms),
        manualMs: Number(d.manual_ms),
        remoteMs: Number(d.remote_ms),
      })),
      events: events.map((e) => ({
        vehicleId: e.vehicle_id,
        day: e.day,
        source: e.source,
        type: e.type,
        count: e.count,
      })),
      trips,
    };
  }

  /** Kind, current status and local issue day of every notice the jurisdiction issued by the end of the period. */
  async notices(jurisdiction: JurisdictionFacts, period: ReportPeriod): Promise<NoticeFilingInput['permits']> {
    const rows = await this.dataSource.query<{ kind: PermitKind; status: PermitStatus; issued_on: string }[]>(
      `SELECT kind, status, to_char((issued_at AT TIME ZONE $2::text)::date, 'YYYY-MM-DD') AS issued_on
       FROM permits WHERE jurisdiction_code = $1 AND issued_at < (($3::date + 1)::timestamp AT TIME ZONE $2::text)`,
      [jurisdiction.code, jurisdiction.timeZone, period.end],
    );
    return rows.map((r) => ({ kind: r.kind, status: r.status, issuedOn: r.issued_on }));
  }
}
