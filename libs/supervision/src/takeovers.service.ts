import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { NotFoundException, type RequestContext, scopeParams, type TenantScope, TransactionService } from '@app/core';
import { MODE_NAMES, Takeover } from '@app/telemetry';
import { type ClassifyTakeoverDto, type TakeoverQueryDto } from './dto/takeovers.dto';

/** Autonomous km per takeover to the metre, or null without takeovers (shared with the periodic reports). */
export function kmPerTakeover(autonomousKm: number, takeovers: number): number | null {
  return takeovers > 0 ? Math.round((autonomousKm / takeovers) * 1000) / 1000 : null;
}

/** Takeovers (disengagement candidates) found in telemetry, their classification, and km per disengagement. */
@Injectable()
export class TakeoversService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async list(scope: TenantScope, query: TakeoverQueryDto) {
    const rows = await this.dataSource.query<
      (Takeover & {
        vehicle_id: string;
        from_mode: number;
        to_mode: number;
        initiated_by: string | null;
        location_type: string | null;
        classified_at: Date | null;
      })[]
    >(
      `SELECT t.vehicle_id, t.seq, t.ts, t.from_mode, t.to_mode, t.lat, t.lon, t.initiated_by, t.cause, t.location_type, t.classified_at
       FROM takeovers t JOIN vehicles v ON v.id = t.vehicle_id
       WHERE t.ts >= $1 AND t.ts < $2 AND ($3::uuid IS NULL OR t.vehicle_id = $3)
         AND ($4::uuid IS NULL OR v.enterprise_id = $4) AND ($5::text IS NULL OR v.jurisdiction_code = $5)
         AND (NOT $6 OR t.classified_at IS NULL)
       ORDER BY t.ts LIMIT 5000`,
      [query.from, query.to, query.vehicleId ?? null, ...scopeParams(scope), query.unclassified === true],
    );
    return rows.map((r) => ({
      vehicleId: r.vehicle_id,
      seq: Number(r.seq),
      ts: r.ts,
      fromMode: MODE_NAMES[r.from_mode],
      toMode: MODE_NAMES[r.to_mode],
      lat: r.lat,
      lon: r.lon,
      initiatedBy: r.initiated_by,
      cause: r.cause,
      locationType: r.location_type,
      classifiedAt: r.classified_at,
    }));
  }

  /** The enterprise says who initiated the takeover, why and where (audited; may be corrected later). */
  async classify(ctx: RequestContext, scope: TenantScope, vehicleId: string, seq: number, dto: ClassifyTakeoverDto) {
    // Seqs are safe integers (TELEMETRY.md): a larger one names no takeover, and would overflow bigint.
    if (!Number.isSafeInteger(seq)) throw new NotFoundException('Takeover', `${vehicleId}/${seq}`);
    return this.transactions.run(async (manager) => {
      const [before] = await manager.query<
        {
          enterprise_id: string;
          jurisdiction_code: string;
          initiated_by: string | null;
          cause: string | null;
          location_type: string | null;
        }[]
      >(
        `SELECT v.enterprise_id, v.jurisdiction_code, t.initiated_by, t.cause, t.location_type FROM takeovers t JOIN vehicles v ON v.id = t.vehicle_id
         WHERE t.vehicle_id = $1 AND t.seq = $2 AND ($3::uuid IS NULL OR v.enterprise_id = $3)
           AND ($4::text IS NULL OR v.jurisdiction_code = $4) FOR UPDATE OF t`,
        [vehicleId, seq, ...scopeParams(scope)],
      );
      if (!before) throw new NotFoundException('Takeover', `${vehicleId}/${seq}`);
      await manager.query(
        `UPDATE takeovers SET initiated_by = $3, cause = $4, location_type = $5, classified_by = $6, classified_at = now() WHERE vehicle_id = $1 AND seq = $2`,
        [vehicleId, seq, dto.initiatedBy, dto.cause, dto.locationType, ctx.actor.userId],
      );
      await this.audit.record(manager, ctx, {
        action: 'takeover.classified',
        entityType: 'takeover',
        entityId: `${vehicleId}/${seq}`,
        enterpriseId: before.enterprise_id,
        jurisdictionCode: before.jurisdiction_code,
        before: { initiatedBy: before.initiated_by, cause: before.cause, locationType: before.location_type },
        after: { ...dto },
      });
      return { vehicleId, seq, ...dto };
    });
  }

  /** Autonomous km, takeovers and km per takeover by vehicle for local days in [from, to]. */
  async disengagements(scope: TenantScope, from: string, to: string) {
    const rows = await this.dataSource.query<
      {
        vehicle_id: string;
        vin: string;
        autonomous_mm: string;
        takeovers: number;
        by_system: number;
        by_safety_operator: number;
        by_remote_operator: number;
        unclassified: number;
      }[]
    >(
      `SELECT v.id AS vehicle_id, v.vin,
         (SELECT coalesce(sum(d.autonomous_mm), 0) FROM vehicle_daily_stats d WHERE d.vehicle_id = v.id AND d.day BETWEEN $1 AND $2) AS autonomous_mm,
         count(t.seq)::int AS takeovers,
         count(t.seq) FILTER (WHERE t.initiated_by = 'SYSTEM')::int AS by_system,
         count(t.seq) FILTER (WHERE t.initiated_by = 'SAFETY_OPERATOR')::int AS by_safety_operator,
         count(t.seq) FILTER (WHERE t.initiated_by = 'REMOTE_OPERATOR')::int AS by_remote_operator,
         count(t.seq) FILTER (WHERE t.seq IS NOT NULL AND t.initiated_by IS NULL)::int AS unclassified
       FROM vehicles v
       JOIN jurisdictions j ON j.code = v.jurisdiction_code
       LEFT JOIN takeovers t ON t.vehicle_id = v.id AND (t.ts AT TIME ZONE j.timezone)::date BETWEEN $1 AND $2
       WHERE ($3::uuid IS NULL OR v.enterprise_id = $3) AND ($4::text IS NULL OR v.jurisdiction_code = $4)
       GROUP BY v.id, v.vin ORDER BY v.vin`,
      [from, to, ...scopeParams(scope)],
    );
    const vehicles = rows.map((r) => {
      const km = Number(r.autonomous_mm) / 1_000_000;
      return {
        vehicleId: r.vehicle_id,
        vin: r.vin,
        autonomousKm: km,
        takeovers: r.takeovers,
        kmPerTakeover: kmPerTakeover(km, r.takeovers),
        byInitiator: {
          SYSTEM: r.by_system,
          SAFETY_OPERATOR: r.by_safety_operator,
          REMOTE_OPERATOR: r.by_remote_operator,
          unclassified: r.unclassified,
        },
      };
    });
    const totalKm = vehicles.reduce((t, v) => t + v.autonomousKm, 0);
    const totalTakeovers = vehicles.reduce((t, v) => t + v.takeovers, 0);
    return {
      from,
      to,
      autonomousKm: Math.round(totalKm * 1e6) / 1e6,
      takeovers: totalTakeovers,
      kmPerTakeover: kmPerTakeover(totalKm, totalTakeovers),
      vehicles,
    };
  }
}
