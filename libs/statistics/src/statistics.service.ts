import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeWhere, type TenantScope } from '@app/core';
import { JurisdictionsService } from '@app/identity';
import { type RoadsideDeviceCounts, RoadsideDevicesService } from '@app/roadside';
import { PERMIT_KINDS, type PermitKind } from '@app/rules';
import { km as kmOf } from '@app/telemetry';
import { VEHICLE_STAGES, type VehicleStage, vehicleStage } from './vehicle-stage';

/** Notice counts by status, keyed like the rest of the figures (PermitStatus ACTIVE → active). */
const NOTICE_STATES = ['active', 'suspended', 'revoked', 'expired'] as const;
type NoticeState = (typeof NOTICE_STATES)[number];
type Counts<K extends string> = Record<K, number>;

const zeroes = <K extends string>(keys: readonly K[]): Counts<K> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

/** The platform-wide figures of one jurisdiction, as the Pingshan platform publishes its own. */
export interface JurisdictionStats {
  jurisdictionCode: string;
  enterprisesConnected: number;
  vehicles: {
    connected: number;
    byCategory: Record<string, number>;
    byStage: Counts<VehicleStage>;
  };
  supervisedKm: { total: number; autonomous: number; manual: number; remote: number };
  notices: {
    issued: number;
    byKind: Record<PermitKind, Counts<NoticeState> & { issued: number }>;
  };
  openAlerts: { total: number; byType: Record<string, number> };
  commercial: { trips: number; passengers: number; cargoTonnes: number; revenueCny: number };
  roadsideDevices: Omit<RoadsideDeviceCounts, 'jurisdictionCode'>;
}

/** Kilometres to the metre. */
const toMetre = (km: number) => Math.round(km * 1000) / 1000;

/**
 * Read-only aggregates over the live tables. Each figure is one grouped query per call, so the
 * answer is current; the tables it reads are small (vehicles, permits, daily totals), never the
 * point table.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roadside: RoadsideDevicesService,
    private readonly jurisdictions: JurisdictionsService,
  ) {}

  /** Figures for every jurisdiction in the caller's scope (or the one asked for, if visible). */
  async forScope(scope: TenantScope, jurisdictionCode?: string): Promise<JurisdictionStats[]> {
    const scoped = scopeWhere(scope).jurisdictionCode;
    if (scoped && jurisdictionCode && jurisdictionCode !== scoped) return [];
    const wanted = scoped ?? jurisdictionCode;
    const codes = (await this.jurisdictions.list()).map((j) => j.code).filter((code) => !wanted || code === wanted);
    return Promise.all(codes.map((code) => this.of(code)));
  }

  async of(jurisdictionCode: string): Promise<JurisdictionStats> {
    const q = <T>(sql: string) => this.dataSource.query<T[]>(sql, [jurisdictionCode]);
    const [[enterprises], vehicles, [km], notices, alerts, [commercial], devices] = await Promise.all([
      q<{ n: number }>(
        `SELECT count(*)::int AS n FROM enterprises WHERE jurisdiction_code = $1 AND status = 'VERIFIED'`,
      ),
      q<{ category: string; kinds: PermitKind[] }>(
        `SELECT v.category, coalesce(array_agg(DISTINCT p.kind) FILTER (WHERE p.id IS NOT NULL), '{}') AS kinds
         FROM vehicles v
         LEFT JOIN permit_vehicles pv ON pv.vehicle_id = v.id
         LEFT JOIN permits p ON p.id = pv.permit_id AND p.status = 'ACTIVE'
         WHERE v.jurisdiction_code = $1
         GROUP BY v.id, v.category`,
      ),
      q<{ autonomous: string; manual: string; remote: string }>(
        `SELECT coalesce(sum(d.autonomous_mm), 0) AS autonomous, coalesce(sum(d.manual_mm), 0) AS manual,
           coalesce(sum(d.remote_mm), 0) AS remote
         FROM vehicle_daily_stats d JOIN vehicles v ON v.id = d.vehicle_id
         WHERE v.jurisdiction_code = $1`,
      ),
      q<{ kind: PermitKind; state: NoticeState; n: number }>(
        `SELECT kind, lower(status) AS state, count(*)::int AS n FROM permits WHERE jurisdiction_code = $1 GROUP BY kind, status`,
      ),
      q<{ type: string; n: number }>(
        `SELECT type, count(*)::int AS n FROM alerts WHERE jurisdiction_code = $1 AND status <> 'RESOLVED' GROUP BY type`,
      ),
      q<{ trips: number; passengers: string; tonnes: string; revenue: string }>(
        `SELECT count(*)::int AS trips, coalesce(sum(passengers), 0) AS passengers,
           coalesce(sum(cargo_tonnes), 0) AS tonnes, coalesce(sum(fare_cny), 0) AS revenue
         FROM commercial_trips WHERE jurisdiction_code = $1`,
      ),
      this.roadside.countsByJurisdiction(jurisdictionCode),
    ]);

    const byCategory: Record<string, number> = {};
    const byStage = zeroes(VEHICLE_STAGES);
    for (const v of vehicles) {
      byCategory[v.category] = (byCategory[v.category] ?? 0) + 1;
      byStage[vehicleStage(v.kinds)] += 1;
    }
    const byKind = Object.fromEntries(
      PERMIT_KINDS.map((kind) => [kind, { issued: 0, ...zeroes(NOTICE_STATES) }]),
    ) as JurisdictionStats['notices']['byKind'];
    for (const n of notices) {
      byKind[n.kind][n.state] += n.n;
      byKind[n.kind].issued += n.n;
    }
    const autonomous = kmOf(km.autonomous);
    const manual = kmOf(km.manual);
    const remote = kmOf(km.remote);
    return {
      jurisdictionCode,
      enterprisesConnected: enterprises.n,
      vehicles: { connected: vehicles.length, byCategory, byStage },
      supervisedKm: {
        total: toMetre(autonomous + manual + remote),
        autonomous: toMetre(autonomous),
        manual: toMetre(manual),
        remote: toMetre(remote),
      },
      notices: { issued: notices.reduce((sum, n) => sum + n.n, 0), byKind },
      openAlerts: {
        total: alerts.reduce((sum, a) => sum + a.n, 0),
        byType: Object.fromEntries(alerts.map((a) => [a.type, a.n])),
      },
      commercial: {
        trips: commercial.trips,
        passengers: Number(commercial.passengers),
        cargoTonnes: Number(commercial.tonnes),
        revenueCny: Number(commercial.revenue),
      },
      roadsideDevices: (({ jurisdictionCode: _, ...counts }) => counts)(devices),
    };
  }
}
