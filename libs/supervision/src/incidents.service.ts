import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  findVisibleOrFail,
  type RequestContext,
  scopeParams,
  scopeWhere,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { VehiclesService } from '@app/fleet';
import { NATIONAL_SETTINGS, packFor, packSetting } from '@app/rules';
import { MODE_NAMES } from '@app/telemetry';
import {
  type AmendIncidentDto,
  type NearbyQueryDto,
  type ReportIncidentDto,
  type RequestAnalysisDto,
  type SubmitAnalysisDto,
} from './dto/incidents.dto';
import { AlertsService } from './alerts.service';
import { IncidentDeadlines } from './incident-deadlines';
import { IncidentVersion } from './entities/incident-version.entity';
import { AvFault, Incident } from './entities/incident.entity';

/** Death, serious injury or a destroyed vehicle (CN-NAT-REVOKE's grounds). */
export const isSerious = (i: Pick<Incident, 'fatalities' | 'seriousInjuries' | 'vehicleDestroyed'>): boolean =>
  i.fatalities > 0 || i.seriousInjuries > 0 || i.vehicleDestroyed;

/** When a report to the industry authority is due: the pack's deadline after the incident (CN-NAT-ACCIDENT). */
const reportDeadline = (jurisdictionCode: string, occurredAt: Date): Date =>
  new Date(
    occurredAt.getTime() +
      packSetting(packFor(jurisdictionCode), NATIONAL_SETTINGS.incidentReportDeadlineHours).value * 3600_000,
  );

const MAX_NEARBY_WINDOW_MS = 24 * 3600_000;

/** An incident has happened: a report or an amendment may not date it in the future. */
function assertNotFuture(occurredAt: Date): void {
  if (occurredAt.getTime() > Date.now() + 60_000)
    throw new ValidationFailedException([{ field: 'occurredAt', reason: 'must not be in the future' }]);
}

@Injectable()
export class IncidentsService {
  constructor(
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    private readonly vehicles: VehiclesService,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly deadlines: IncidentDeadlines,
    private readonly alerts: AlertsService,
  ) {}

  /** An enterprise reports an incident of one of its vehicles; the deadline comes from the rule pack. */
  async report(ctx: RequestContext, scope: TenantScope, dto: ReportIncidentDto): Promise<Incident> {
    const vehicle = await this.vehicles.get(scope, dto.vehicleId);
    assertNotFuture(dto.occurredAt);
    const reportDueAt = reportDeadline(vehicle.jurisdictionCode, dto.occurredAt);
    const modeAtTime = dto.modeAtTime ?? (await this.modeAt(vehicle.id, dto.occurredAt));
    const { incident, opened } = await this.transactions.run(async (manager) => {
      const incident = await manager.save(
        manager.create(Incident, {
          ...dto,
          enterpriseId: vehicle.enterpriseId,
          jurisdictionCode: vehicle.jurisdictionCode,
          modeAtTime,
          reportDueAt,
          reportedLate: Date.now() > reportDueAt.getTime(),
          reportedBy: ctx.actor.userId,
        }),
      );
      await this.audit.recordFor(manager, ctx, 'incident', incident, 'incident.reported', null, this.summary(incident));
      const opened = incident.reportedLate
        ? await this.deadlines.open(manager, incident, 'INCIDENT_REPORTED_LATE', reportDueAt)
        : [];
      return { incident, opened };
    });
    await this.alerts.announce(opened);
    return incident;
  }

  /** A regulator asks the enterprise for an accident analysis report by a date (BJ-ORD-32). */
  async requestAnalysis(ctx: RequestContext, scope: TenantScope, id: string, dto: RequestAnalysisDto) {
    if (dto.dueAt.getTime() <= Date.now())
      throw new ValidationFailedException([{ field: 'dueAt', reason: 'must be in the future' }]);
    return this.transactions.run(async (manager) => {
      const incident = await findVisibleOrFail(manager, Incident, 'Incident', scope, id, true);
      if (incident.analysisSubmittedAt) {
        throw new ConflictException('analysis-submitted', `The analysis report of incident ${id} is already submitted`);
      }
      const before = { analysisDueAt: incident.analysisDueAt, analysisRequestNote: incident.analysisRequestNote };
      Object.assign(incident, {
        analysisRequestedAt: new Date(),
        analysisRequestedBy: ctx.actor.userId,
        analysisRequestNote: dto.note ?? null,
        analysisDueAt: dto.dueAt,
      });
      await manager.save(incident);
      await this.audit.recordFor(manager, ctx, 'incident', incident, 'incident.analysis-requested', before, {
        analysisDueAt: incident.analysisDueAt,
        analysisRequestNote: incident.analysisRequestNote,
      });
      return incident;
    });
  }

  /** The enterprise submits its analysis report; an overdue alert about it is resolved with it. */
  async submitAnalysis(ctx: RequestContext, scope: TenantScope, id: string, dto: SubmitAnalysisDto) {
    return this.transactions.run(async (manager) => {
      const incident = await findVisibleOrFail(manager, Incident, 'Incident', scope, id, true);
      if (incident.analysisSubmittedAt) {
        throw new ConflictException('analysis-submitted', `The analysis report of incident ${id} is already submitted`);
      }
      Object.assign(incident, {
        analysisReportRef: dto.documentRef,
        analysisSummary: dto.summary,
        analysisSubmittedAt: new Date(),
      });
      await manager.save(incident);
      await this.alerts.resolveAbout(
        manager,
        { incidentId: incident.id },
        'INCIDENT_ANALYSIS_OVERDUE',
        ctx.actor.userId,
        'analysis report submitted',
      );
      await this.audit.recordFor(manager, ctx, 'incident', incident, 'incident.analysis-submitted', null, {
        analysisReportRef: incident.analysisReportRef,
        analysisSummary: incident.analysisSummary,
        late: incident.analysisDueAt !== null && incident.analysisSubmittedAt! > incident.analysisDueAt,
      });
      return incident;
    });
  }

  /** Amends a report: the earlier version is kept, the version number rises. */
  async amend(ctx: RequestContext, scope: TenantScope, id: string, dto: AmendIncidentDto): Promise<Incident> {
    if (dto.occurredAt) assertNotFuture(dto.occurredAt);
    const { incident, opened } = await this.transactions.run(async (manager) => {
      const incident = await findVisibleOrFail(manager, Incident, 'Incident', scope, id, true);
      const before = this.summary(incident);
      await manager.save(
        manager.create(IncidentVersion, {
          incidentId: incident.id,
          version: incident.version,
          snapshot: before,
          amendmentReason: dto.reason,
          supersededBy: ctx.actor.userId,
          supersededAt: new Date(),
        }),
      );
      const { reason, ...changes } = dto;
      const wasLate = incident.reportedLate;
      Object.assign(incident, changes, { version: incident.version + 1 });
      // A corrected time moves the deadline; lateness is still judged at the first report.
      incident.reportDueAt = reportDeadline(incident.jurisdictionCode, incident.occurredAt);
      incident.reportedLate = incident.reportedAt > incident.reportDueAt;
      await manager.save(incident);
      await this.audit.recordFor(manager, ctx, 'incident', incident, 'incident.amended', before, {
        ...this.summary(incident),
        reason,
      });
      const opened =
        incident.reportedLate && !wasLate
          ? await this.deadlines.open(manager, incident, 'INCIDENT_REPORTED_LATE', incident.reportDueAt)
          : [];
      return { incident, opened };
    });
    await this.alerts.announce(opened);
    return incident;
  }

  list(scope: TenantScope, vehicleId?: string): Promise<Incident[]> {
    return this.incidents.find({
      where: { ...scopeWhere(scope), ...(vehicleId ? { vehicleId } : {}) },
      order: { occurredAt: 'DESC' },
    });
  }

  get(scope: TenantScope, id: string): Promise<Incident> {
    return findVisibleOrFail(this.incidents.manager, Incident, 'Incident', scope, id);
  }

  async versions(scope: TenantScope, id: string): Promise<IncidentVersion[]> {
    const incident = await this.get(scope, id);
    return this.incidents.manager.find(IncidentVersion, {
      where: { incidentId: incident.id },
      order: { version: 'ASC' },
    });
  }

  /**
   * The stored telemetry around the incident: the pack's pre-event window (≥ 90 s, CN-NAT-DATA-REC)
   * before and post-event window after, read from the point table so resent points are included.
   */
  async telemetry(scope: TenantScope, id: string) {
    const incident = await this.get(scope, id);
    const pack = packFor(incident.jurisdictionCode);
    const before = packSetting(pack, NATIONAL_SETTINGS.incidentPreEventSeconds).value;
    const after = packSetting(pack, NATIONAL_SETTINGS.incidentPostEventSeconds).value;
    const rows = await this.dataSource.query<
      { seq: string; ts: Date; lat: number; lon: number; speed_kmh: number; heading_deg: number; mode: number }[]
    >(
      `SELECT seq, ts, lat, lon, speed_kmh, heading_deg, mode FROM telemetry_points
       WHERE vehicle_id = $1 AND ts BETWEEN $2::timestamptz - make_interval(secs => $3) AND $2::timestamptz + make_interval(secs => $4)
       ORDER BY ts, seq`,
      [incident.vehicleId, incident.occurredAt, before, after],
    );
    return {
      incidentId: incident.id,
      windowSeconds: { before, after },
      points: rows.map((r) => ({
        seq: Number(r.seq),
        ts: r.ts,
        lat: r.lat,
        lon: r.lon,
        speedKmh: r.speed_kmh,
        headingDeg: r.heading_deg,
        mode: MODE_NAMES[r.mode],
      })),
    };
  }

  /** Vehicles with a stored point within R metres of a place during a time window (investigators). */
  async nearby(scope: TenantScope, query: NearbyQueryDto) {
    if (query.to.getTime() - query.from.getTime() > MAX_NEARBY_WINDOW_MS) {
      throw new ValidationFailedException([{ field: 'to', reason: 'must be at most 24 hours after from' }]);
    }
    // A bounding box in degrees first (cheap, uses nothing but the time index), then the exact
    // geodesic distance on the sphere.
    const dLat = query.radiusM / 111_320;
    const dLon = query.radiusM / (111_320 * Math.cos((query.lat * Math.PI) / 180));
    const rows = await this.dataSource.query<
      { vehicle_id: string; vin: string; first_seen: Date; last_seen: Date; closest_m: number; points: number }[]
    >(
      `SELECT p.vehicle_id, v.vin, min(p.ts) AS first_seen, max(p.ts) AS last_seen, count(*)::int AS points,
         min(ST_Distance(ST_MakePoint(p.lon, p.lat)::geography, ST_MakePoint($2, $1)::geography)) AS closest_m
       FROM telemetry_points p JOIN vehicles v ON v.id = p.vehicle_id
       WHERE p.ts BETWEEN $4 AND $5
         AND p.lat BETWEEN $1 - $6 AND $1 + $6 AND p.lon BETWEEN $2 - $7 AND $2 + $7
         AND ST_DWithin(ST_MakePoint(p.lon, p.lat)::geography, ST_MakePoint($2, $1)::geography, $3)
         AND ($8::uuid IS NULL OR v.enterprise_id = $8) AND ($9::text IS NULL OR v.jurisdiction_code = $9)
       GROUP BY p.vehicle_id, v.vin ORDER BY closest_m`,
      [query.lat, query.lon, query.radiusM, query.from, query.to, dLat, dLon, ...scopeParams(scope)],
    );
    return rows.map((r) => ({
      vehicleId: r.vehicle_id,
      vin: r.vin,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      points: r.points,
      closestMeters: Math.round(r.closest_m * 10) / 10,
    }));
  }

  /** Whether the incident is grounds to suspend the vehicle's permits (the regulator confirms). */
  suspensionRecommended(incident: Incident): boolean {
    return incident.avAtFault === AvFault.Yes && isSerious(incident);
  }

  private async modeAt(vehicleId: string, at: Date): Promise<string | null> {
    const [row] = await this.dataSource.query<{ mode: number }[]>(
      `SELECT mode FROM telemetry_points WHERE vehicle_id = $1 AND ts BETWEEN $2::timestamptz - interval '60 seconds' AND $2
       ORDER BY ts DESC LIMIT 1`,
      [vehicleId, at],
    );
    return row ? MODE_NAMES[row.mode] : null;
  }

  private summary(i: Incident): Record<string, unknown> {
    return {
      kind: i.kind,
      occurredAt: i.occurredAt,
      reportDueAt: i.reportDueAt,
      reportedLate: i.reportedLate,
      lat: i.lat,
      lon: i.lon,
      modeAtTime: i.modeAtTime,
      fatalities: i.fatalities,
      seriousInjuries: i.seriousInjuries,
      minorInjuries: i.minorInjuries,
      vehicleDestroyed: i.vehicleDestroyed,
      avAtFault: i.avAtFault,
      damage: i.damage,
      narrative: i.narrative,
      parties: i.parties,
      evidenceRefs: i.evidenceRefs,
      version: i.version,
    };
  }
}
