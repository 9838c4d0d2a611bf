import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { ConflictException, type RequestContext, scopeParams, type TenantScope, TransactionService } from '@app/core';
import { PermitsService, PermitStatus } from '@app/permits';
import { type PermitKind } from '@app/rules';
import { type OperationsTotalsQueryDto, type ReportTripsDto } from './dto/operations.dto';

const PILOT_KINDS: readonly PermitKind[] = ['MANNED_PILOT', 'DRIVERLESS_PILOT'];

export interface TripRejection {
  index: number;
  externalRef: string;
  reason: string;
}

/** Commercial operations of pilot permits: batch-reported trips and their totals. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly permits: PermitsService,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Stores the valid trips of a batch; each invalid trip is rejected alone with its reason. A trip
   * already reported (same externalRef) is counted as a duplicate and left unchanged.
   */
  async report(
    ctx: RequestContext,
    scope: TenantScope,
    dto: ReportTripsDto,
  ): Promise<{ accepted: number; duplicates: number; rejected: TripRejection[] }> {
    const permit = await this.permits.get(scope, dto.permitId);
    if (!PILOT_KINDS.includes(permit.kind)) {
      throw new ConflictException(
        'not-a-pilot-permit',
        `Permit ${permit.noticeNumber} is a ${permit.kind}; commercial operations are reported under pilot permits`,
      );
    }
    if (permit.status !== PermitStatus.Active) {
      throw new ConflictException('permit-not-active', `Permit ${permit.noticeNumber} is ${permit.status}`, {
        currentState: permit.status,
      });
    }
    const onPermit = new Set((await this.permits.vehiclesOf(permit.id)).map((v) => v.vehicleId));
    // Permit dates are local days; both jurisdictions served keep China time (UTC+8, no DST).
    const validFrom = new Date(`${permit.validFrom}T00:00:00+08:00`).getTime();
    const validUntil = new Date(`${permit.validTo}T24:00:00+08:00`).getTime();
    const rejected: TripRejection[] = [];
    const seen = new Set<string>();
    const valid = dto.trips.filter((trip, index) => {
      const reason = !onPermit.has(trip.vehicleId)
        ? `vehicle ${trip.vehicleId} is not on permit ${permit.noticeNumber}`
        : trip.endedAt <= trip.startedAt
          ? 'endedAt must be after startedAt'
          : trip.startedAt.getTime() < validFrom || trip.endedAt.getTime() > validUntil
            ? `the trip is outside the permit's validity (${permit.validFrom} to ${permit.validTo})`
            : trip.endedAt.getTime() > Date.now() + 60_000
              ? 'endedAt must not be in the future'
              : seen.has(trip.externalRef)
                ? 'externalRef appears twice in this batch'
                : null;
      seen.add(trip.externalRef);
      if (reason) rejected.push({ index, externalRef: trip.externalRef, reason });
      return reason === null;
    });
    return this.transactions.run(async (manager) => {
      const inserted = valid.length
        ? await manager.query<{ id: string }[]>(
            `INSERT INTO commercial_trips (permit_id, enterprise_id, jurisdiction_code, vehicle_id, external_ref, started_at, ended_at, passengers, cargo_tonnes, fare_cny, distance_km, reported_by)
             SELECT $1, $2, $3, u.vehicle_id, u.ref, u.started, u.ended, u.passengers, u.tonnes, u.fare, u.km, $4
             FROM unnest($5::uuid[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::int[], $10::numeric[], $11::numeric[], $12::numeric[])
               AS u(vehicle_id, ref, started, ended, passengers, tonnes, fare, km)
             ON CONFLICT (enterprise_id, external_ref) DO NOTHING RETURNING id`,
            [
              permit.id,
              permit.enterpriseId,
              permit.jurisdictionCode,
              ctx.actor.userId,
              valid.map((t) => t.vehicleId),
              valid.map((t) => t.externalRef),
              valid.map((t) => t.startedAt),
              valid.map((t) => t.endedAt),
              valid.map((t) => t.passengers),
              valid.map((t) => t.cargoTonnes),
              valid.map((t) => t.fareCny),
              valid.map((t) => t.distanceKm ?? null),
            ],
          )
        : [];
      const result = { accepted: inserted.length, duplicates: valid.length - inserted.length, rejected };
      await this.audit.record(manager, ctx, {
        action: 'operations.reported',
        entityType: 'permit',
        entityId: permit.id,
        enterpriseId: permit.enterpriseId,
        jurisdictionCode: permit.jurisdictionCode,
        after: { accepted: result.accepted, duplicates: result.duplicates, rejected: rejected.length },
      });
      return result;
    });
  }

  /** "Vehicles, tonnes, passengers, revenue" over a period, in total and per permit. */
  async totals(scope: TenantScope, query: OperationsTotalsQueryDto) {
    const rows = await this.dataSource.query<
      {
        permit_id: string;
        notice_number: string;
        vehicles: number;
        trips: number;
        passengers: string;
        tonnes: string;
        revenue: string;
        km: string;
      }[]
    >(
      `SELECT t.permit_id, p.notice_number, count(DISTINCT t.vehicle_id)::int AS vehicles, count(*)::int AS trips,
         sum(t.passengers) AS passengers, sum(t.cargo_tonnes) AS tonnes, sum(t.fare_cny) AS revenue, coalesce(sum(t.distance_km), 0) AS km
       FROM commercial_trips t JOIN permits p ON p.id = t.permit_id
       WHERE t.started_at >= $1 AND t.started_at < $2 AND ($3::uuid IS NULL OR t.permit_id = $3)
         AND ($4::uuid IS NULL OR t.enterprise_id = $4) AND ($5::text IS NULL OR t.jurisdiction_code = $5)
       GROUP BY t.permit_id, p.notice_number ORDER BY p.notice_number`,
      [query.from, query.to, query.permitId ?? null, ...scopeParams(scope)],
    );
    const permits = rows.map((r) => ({
      permitId: r.permit_id,
      noticeNumber: r.notice_number,
      vehicles: r.vehicles,
      trips: r.trips,
      passengers: Number(r.passengers),
      cargoTonnes: Number(r.tonnes),
      revenueCny: Number(r.revenue),
      distanceKm: Number(r.km),
    }));
    const [all] = await this.dataSource.query<{ vehicles: number }[]>(
      `SELECT count(DISTINCT vehicle_id)::int AS vehicles FROM commercial_trips t
       WHERE t.started_at >= $1 AND t.started_at < $2 AND ($3::uuid IS NULL OR t.permit_id = $3)
         AND ($4::uuid IS NULL OR t.enterprise_id = $4) AND ($5::text IS NULL OR t.jurisdiction_code = $5)`,
      [query.from, query.to, query.permitId ?? null, ...scopeParams(scope)],
    );
    const sum = (pick: (p: (typeof permits)[number]) => number): number =>
      Math.round(permits.reduce((t, p) => t + pick(p), 0) * 1000) / 1000;
    return {
      from: query.from,
      to: query.to,
      vehicles: all.vehicles,
      trips: sum((p) => p.trips),
      passengers: sum((p) => p.passengers),
      cargoTonnes: sum((p) => p.cargoTonnes),
      revenueCny: sum((p) => p.revenueCny),
      permits,
    };
  }

  /** Trips, passengers, tonnes and revenue per permit and vehicle for trips started in [from, to) (periodic reports). */
  async totalsByVehicle(permitIds: string[], from: Date, to: Date) {
    const rows = await this.dataSource.query<
      { permit_id: string; vehicle_id: string; trips: number; passengers: string; tonnes: string; revenue: string }[]
    >(
      `SELECT permit_id, vehicle_id, count(*)::int AS trips, sum(passengers) AS passengers, sum(cargo_tonnes) AS tonnes,
         sum(fare_cny) AS revenue
       FROM commercial_trips WHERE permit_id = ANY($1::uuid[]) AND started_at >= $2 AND started_at < $3
       GROUP BY permit_id, vehicle_id`,
      [permitIds, from, to],
    );
    return rows.map((r) => ({
      permitId: r.permit_id,
      vehicleId: r.vehicle_id,
      trips: r.trips,
      passengers: Number(r.passengers),
      cargoTonnes: Number(r.tonnes),
      revenueCny: Number(r.revenue),
    }));
  }
}
