import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { filter, type Observable, Subject } from 'rxjs';
import { DataSource, type EntityManager, Not, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  type Environment,
  findVisibleOrFail,
  InjectEnvironment,
  RedisEvents,
  type RequestContext,
  scopeWhere,
  type TenantScope,
  TransactionService,
} from '@app/core';
import { ALERTS_CHANNEL, STORED_ALERT_RETURNING, type StoredAlert } from '@app/telemetry';
import { type AlertQueryDto } from './dto/alerts.dto';
import { Alert, AlertStatus } from './entities/alert.entity';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.service';

@Injectable()
export class AlertsService implements OnApplicationShutdown {
  private readonly live = new Subject<StoredAlert>();
  /** Subscribed on the first stream, so only API processes with a live viewer listen. */
  private subscribed = false;

  constructor(
    @InjectRepository(Alert) private readonly alerts: Repository<Alert>,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    @InjectEnvironment() private readonly env: Environment,
    private readonly events: RedisEvents,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  async list(scope: TenantScope, query: AlertQueryDto): Promise<Alert[]> {
    const { limit, ...filters } = query;
    // Absent filters are undefined properties on the DTO; TypeORM refuses undefined in a where.
    const given: Record<string, unknown> = Object.fromEntries(
      Object.entries(filters).filter(([, value]) => value !== undefined),
    );
    const scoped = scopeWhere(scope);
    // A filter outside the caller's scope matches nothing (rather than being silently replaced).
    if (Object.entries(scoped).some(([key, value]) => key in given && given[key] !== value)) return [];
    return this.alerts.find({
      where: { ...given, ...scoped },
      order: { lastSeen: 'DESC' },
      take: limit ?? 100,
    });
  }

  get(scope: TenantScope, id: string): Promise<Alert> {
    return findVisibleOrFail(this.alerts.manager, Alert, 'Alert', scope, id);
  }

  acknowledge(ctx: RequestContext, scope: TenantScope, id: string, note: string | undefined): Promise<Alert> {
    return this.decide(ctx, scope, id, [AlertStatus.Open], AlertStatus.Acknowledged, note ?? null);
  }

  resolve(ctx: RequestContext, scope: TenantScope, id: string, note: string): Promise<Alert> {
    return this.decide(ctx, scope, id, [AlertStatus.Open, AlertStatus.Acknowledged], AlertStatus.Resolved, note);
  }

  /**
   * Alerts as they are opened or updated, within the caller's scope, fed by the workers through
   * Redis so every API replica sees every alert.
   */
  stream(scope: TenantScope): Observable<StoredAlert> {
    this.subscribe();
    const where = scopeWhere(scope);
    return this.live.pipe(
      filter(
        (a) =>
          (!where.enterpriseId || a.enterpriseId === where.enterpriseId) &&
          (!where.jurisdictionCode || a.jurisdictionCode === where.jurisdictionCode),
      ),
    );
  }

  /**
   * Vehicles covered by an active permit that stopped reporting while moving: a TELEMETRY_GAP
   * alert each (run every minute by the worker).
   */
  async openTelemetryGaps(): Promise<number> {
    const opened = await this.dataSource.query<StoredAlert[]>(
      `INSERT INTO alerts AS a (vehicle_id, enterprise_id, jurisdiction_code, permit_id, type, severity, rule_id, message, first_seen, last_seen, point_count, late)
       SELECT v.id, v.enterprise_id, v.jurisdiction_code, min(p.id::text)::uuid, 'TELEMETRY_GAP', 'MEDIUM', 'CN-NAT-DATA-REC',
         jsonb_build_object('zh', '车辆在运行中停止上报数据', 'en', 'Vehicle stopped reporting while moving'),
         s.last_received_at, s.last_received_at, 0, false
       FROM vehicle_telemetry_state s
       JOIN vehicles v ON v.id = s.vehicle_id
       JOIN permit_vehicles pv ON pv.vehicle_id = v.id
       JOIN permits p ON p.id = pv.permit_id AND p.status = 'ACTIVE'
       WHERE s.last_received_at < now() - make_interval(secs => $1) AND s.last_speed_kmh > 0
       GROUP BY v.id, v.enterprise_id, v.jurisdiction_code, s.last_received_at
       ON CONFLICT (vehicle_id, type) WHERE status <> 'RESOLVED' AND incident_id IS NULL DO NOTHING
       RETURNING ${STORED_ALERT_RETURNING}`,
      [this.env.TELEMETRY_GAP_SECONDS],
    );
    await this.announce(opened);
    return opened.length;
  }

  /**
   * Resolves the open alerts about one incident or one roadside device (of one type, or all),
   * inside the caller's transaction or on its own; `resolvedBy` is null when no person acted.
   * Returns the ids, for the caller's audit.
   */
  async resolveAbout(
    manager: EntityManager,
    about: { incidentId: string } | { deviceId: string },
    type: string | null,
    resolvedBy: string | null,
    note: string,
  ): Promise<string[]> {
    const result = await manager
      .createQueryBuilder()
      .update(Alert)
      .set({ status: AlertStatus.Resolved, resolvedBy, resolvedAt: () => 'now()', note })
      .where({ ...about, ...(type ? { type } : {}), status: Not(AlertStatus.Resolved) })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /**
   * Tells live subscribers (the regulators' stream, webhook relays) of alerts opened or updated
   * outside the telemetry writer; best effort, the rows are already committed.
   */
  async announce(alerts: StoredAlert[]): Promise<void> {
    if (alerts.length > 0) await this.events.publish(ALERTS_CHANNEL, JSON.stringify(alerts));
  }

  onApplicationShutdown(): void {
    this.live.complete();
  }

  private subscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    void this.events.subscribe(ALERTS_CHANNEL, (message) => {
      for (const alert of JSON.parse(message) as StoredAlert[]) this.live.next(alert);
    });
  }

  private async decide(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    from: AlertStatus[],
    to: AlertStatus,
    note: string | null,
  ): Promise<Alert> {
    const decided = await this.transactions.run(async (manager) => {
      const alert = await findVisibleOrFail(manager, Alert, 'Alert', scope, id, true);
      if (!from.includes(alert.status)) {
        throw new ConflictException(
          'illegal-transition',
          `Alert ${id} is ${alert.status} (allowed from ${from.join(', ')})`,
          { currentState: alert.status },
        );
      }
      const before = alert.status;
      const now = new Date();
      Object.assign(
        alert,
        to === AlertStatus.Resolved
          ? { status: to, resolvedBy: ctx.actor.userId, resolvedAt: now, note }
          : { status: to, acknowledgedBy: ctx.actor.userId, acknowledgedAt: now, note },
      );
      await manager.save(alert);
      await this.audit.record(manager, ctx, {
        action: to === AlertStatus.Resolved ? 'alert.resolved' : 'alert.acknowledged',
        entityType: 'alert',
        entityId: alert.id,
        enterpriseId: alert.enterpriseId,
        jurisdictionCode: alert.jurisdictionCode,
        before: { status: before },
        after: { status: to, note },
      });
      return alert;
    });
    // After the commit, so that no receiver hears of a decision that was rolled back.
    await this.webhooks.dispatch(to === AlertStatus.Resolved ? 'alert.resolved' : 'alert.acknowledged', [decided.id]);
    return decided;
  }
}
