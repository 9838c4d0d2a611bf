import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, LessThan, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  RedisEvents,
  findVisibleOrFail,
  NotFoundException,
  type RequestContext,
  scopeWhere,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { Jurisdiction } from '@app/identity';
import { lastDayOfCalendarMonths, packFor, validityCapMonths } from '@app/rules';
import { transition } from './application-lifecycle';
import { ApplicationsService } from './applications.service';
import { type ApproveDto, type RecognitionDto } from './dto/permits.dto';
import { EligibilityService } from './eligibility.service';
import { type Application } from './entities/application.entity';
import { MileageRecognition } from './entities/mileage-recognition.entity';
import { Permit, PermitStatus } from './entities/permit.entity';
import { PermitVehicle } from './entities/permit-vehicle.entity';
import { nextNoticeNumber } from './notice-numbers';

/** The scope of the enterprise an application belongs to: its own permits only. */
const enterpriseScope = (application: Application): TenantScope => ({
  kind: 'enterprise',
  enterpriseId: application.enterpriseId,
});

/** Published after every committed permit change, so supervision reloads the permits it checks against. */
export const PERMITS_CHANGED_CHANNEL = 'permits:changed';

/** Regulators' decisions on applications, and the life of the permits they issue. */
@Injectable()
export class PermitsService {
  private readonly logger = new Logger(PermitsService.name);

  constructor(
    @InjectRepository(Permit) private readonly permits: Repository<Permit>,
    @InjectRepository(PermitVehicle) private readonly permitVehicles: Repository<PermitVehicle>,
    private readonly applications: ApplicationsService,
    private readonly eligibility: EligibilityService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly events: RedisEvents,
  ) {}

  /** Best effort: supervision also reloads permits every 30 s. */
  private async announceChange(): Promise<void> {
    await this.events.publish(PERMITS_CHANGED_CHANNEL, '1');
  }

  startReview(ctx: RequestContext, scope: TenantScope, id: string): Promise<Application> {
    return this.decide(ctx, scope, id, 'startReview', 'application.review-started', null);
  }

  requestChanges(ctx: RequestContext, scope: TenantScope, id: string, reason: string): Promise<Application> {
    return this.decide(ctx, scope, id, 'requestChanges', 'application.changes-requested', reason);
  }

  reject(ctx: RequestContext, scope: TenantScope, id: string, reason: string): Promise<Application> {
    return this.decide(ctx, scope, id, 'reject', 'application.rejected', reason);
  }

  /**
   * Approves after re-evaluating on current facts. Every rule must pass, or the regulator records
   * why approving anyway (audited). Issues a permit, adds the vehicles to the permit the
   * application extends, or issues the renewal.
   */
  async approve(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    dto: ApproveDto,
  ): Promise<{ application: Application; permit: Permit }> {
    const result = await this.transactions.run(async (manager) => {
      const application = await this.applications.get(scope, id, manager, true);
      const before = application.status;
      application.status = transition(application.status, 'approve');
      const evaluation = await this.eligibility.evaluate(manager, application, 'DECISION');
      if (!evaluation.eligible && !dto.overrideReason) {
        const failing = evaluation.results.filter((r) => r.outcome !== 'pass').map((r) => r.ruleId);
        throw new ConflictException(
          'not-eligible',
          `Rules not passing: ${[...new Set(failing)].join(', ')}. Approve with an overrideReason, or request changes`,
          {
            currentState: before,
            failingRules: [...new Set(failing)],
          },
        );
      }
      Object.assign(application, {
        decidedAt: new Date(),
        decidedBy: ctx.actor.userId,
        decisionReason: dto.note ?? null,
        overrideReason: evaluation.eligible ? null : dto.overrideReason,
      });
      await manager.save(application);
      const permit = application.addsToPermitId
        ? await this.addVehicles(manager, ctx, application)
        : await this.issue(manager, ctx, application, dto);
      await this.audit.recordFor(
        manager,
        ctx,
        'application',
        application,
        'application.approved',
        { status: before },
        {
          status: application.status,
          permitId: permit.id,
          noticeNumber: permit.noticeNumber,
          eligible: evaluation.eligible,
          packVersion: evaluation.packVersion,
          overrideReason: application.overrideReason,
        },
      );
      return { application, permit };
    });
    await this.announceChange();
    return result;
  }

  list(scope: TenantScope, status?: PermitStatus): Promise<Permit[]> {
    return this.permits.find({
      where: { ...scopeWhere(scope), ...(status ? { status } : {}) },
      order: { issuedAt: 'DESC' },
    });
  }

  async get(
    scope: TenantScope,
    id: string,
    manager: EntityManager = this.permits.manager,
    lock = false,
  ): Promise<Permit> {
    return findVisibleOrFail(manager, Permit, 'Permit', scope, id, lock);
  }

  /** Active permits covering a vehicle, within the caller's scope. */
  async activeForVehicle(scope: TenantScope, vehicleId: string): Promise<Permit[]> {
    return this.permits
      .createQueryBuilder('p')
      .innerJoin(PermitVehicle, 'pv', 'pv.permit_id = p.id AND pv.vehicle_id = :vehicleId', { vehicleId })
      .where({ ...scopeWhere(scope), status: PermitStatus.Active })
      .getMany();
  }

  async vehiclesOf(permitId: string): Promise<PermitVehicle[]> {
    return this.permitVehicles.find({ where: { permitId }, order: { addedAt: 'ASC' } });
  }

  suspend(ctx: RequestContext, scope: TenantScope, id: string, reason: string): Promise<Permit> {
    return this.changeStatus(ctx, scope, id, [PermitStatus.Active], PermitStatus.Suspended, 'permit.suspended', reason);
  }

  reinstate(ctx: RequestContext, scope: TenantScope, id: string, reason: string): Promise<Permit> {
    return this.changeStatus(
      ctx,
      scope,
      id,
      [PermitStatus.Suspended],
      PermitStatus.Active,
      'permit.reinstated',
      reason,
    );
  }

  revoke(ctx: RequestContext, scope: TenantScope, id: string, reason: string): Promise<Permit> {
    return this.changeStatus(
      ctx,
      scope,
      id,
      [PermitStatus.Active, PermitStatus.Suspended],
      PermitStatus.Revoked,
      'permit.revoked',
      reason,
    );
  }

  /** Expires every active or suspended permit whose validity ended before today (run by a scheduled job). */
  async expireDue(today = new Date().toISOString().slice(0, 10)): Promise<number> {
    const due = await this.permits.find({
      where: { status: In([PermitStatus.Active, PermitStatus.Suspended]), validTo: LessThan(today) },
      select: { id: true },
    });
    let expired = 0;
    for (const { id } of due) {
      expired += await this.transactions.run(async (manager) => {
        const permit = await manager.findOne(Permit, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (
          !permit ||
          ![PermitStatus.Active, PermitStatus.Suspended].includes(permit.status) ||
          permit.validTo >= today
        )
          return 0;
        const before = permit.status;
        permit.status = PermitStatus.Expired;
        permit.statusReason = `validity ended ${permit.validTo}`;
        await manager.save(permit);
        await this.audit.recordFor(
          manager,
          'system',
          'permit',
          permit,
          'permit.expired',
          { status: before },
          { status: permit.status, validTo: permit.validTo },
        );
        return 1;
      });
    }
    if (expired) {
      this.logger.log({ expired }, 'permits expired');
      await this.announceChange();
    }
    return expired;
  }

  /** Active notices for the public register: no personal data. */
  async publicRegister(jurisdictionCode?: string) {
    const rows = await this.permits.manager.query<
      {
        notice_number: string;
        kind: string;
        jurisdiction_code: string;
        enterprise: string;
        vehicles: number;
        zones: string[];
        valid_from: string;
        valid_to: string;
        conditions: unknown;
      }[]
    >(
      `SELECT p.notice_number, p.kind, p.jurisdiction_code, e.name AS enterprise,
         (SELECT count(*)::int FROM permit_vehicles pv WHERE pv.permit_id = p.id) AS vehicles,
         (SELECT coalesce(array_agg(z.code ORDER BY z.code), '{}') FROM zones z WHERE z.id = ANY(p.zone_ids)) AS zones,
         to_char(p.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(p.valid_to, 'YYYY-MM-DD') AS valid_to, p.conditions
       FROM permits p JOIN enterprises e ON e.id = p.enterprise_id
       WHERE p.status = 'ACTIVE' AND ($1::text IS NULL OR p.jurisdiction_code = $1)
       ORDER BY p.notice_number`,
      [jurisdictionCode ?? null],
    );
    return rows.map((r) => ({
      noticeNumber: r.notice_number,
      kind: r.kind,
      jurisdictionCode: r.jurisdiction_code,
      enterprise: r.enterprise,
      vehicleCount: r.vehicles,
      zones: r.zones,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      conditions: r.conditions,
    }));
  }

  /** A regulator records mileage from another jurisdiction's permit as counting here (audited). */
  async recognise(ctx: RequestContext, dto: RecognitionDto): Promise<MileageRecognition> {
    const jurisdictionCode = ctx.actor.jurisdictionCode!;
    return this.transactions.run(async (manager) => {
      const [vehicle] = await manager.query<{ id: string; enterprise_id: string }[]>(
        'SELECT id, enterprise_id FROM vehicles WHERE id = $1 AND jurisdiction_code = $2',
        [dto.vehicleId, jurisdictionCode],
      );
      if (!vehicle) throw new NotFoundException('Vehicle', dto.vehicleId);
      if (dto.sourceJurisdiction === jurisdictionCode) {
        throw new ValidationFailedException([
          { field: 'sourceJurisdiction', reason: 'must be another jurisdiction than the recognising one' },
        ]);
      }
      const recognition = await manager.save(
        manager.create(MileageRecognition, {
          ...dto,
          jurisdictionCode,
          note: dto.note ?? null,
          recordedBy: ctx.actor.userId,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'recognition.recorded',
        entityType: 'vehicle',
        entityId: dto.vehicleId,
        enterpriseId: vehicle.enterprise_id,
        jurisdictionCode,
        after: { ...dto, recognitionId: recognition.id },
      });
      return recognition;
    });
  }

  private async decide(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    command: 'startReview' | 'requestChanges' | 'reject',
    action: string,
    reason: string | null,
  ): Promise<Application> {
    return this.transactions.run(async (manager) => {
      const application = await this.applications.get(scope, id, manager, true);
      const before = application.status;
      application.status = transition(application.status, command);
      if (command !== 'startReview')
        Object.assign(application, { decidedAt: new Date(), decidedBy: ctx.actor.userId, decisionReason: reason });
      await manager.save(application);
      await this.audit.recordFor(
        manager,
        ctx,
        'application',
        application,
        action,
        { status: before },
        { status: application.status, reason },
      );
      return application;
    });
  }

  private async issue(
    manager: EntityManager,
    ctx: RequestContext,
    application: Application,
    dto: ApproveDto,
  ): Promise<Permit> {
    const jurisdiction = await manager.findOneByOrFail(Jurisdiction, { code: application.jurisdictionCode });
    const capMonths = validityCapMonths(packFor(application.jurisdictionCode), application.kind);
    const cappedTo = lastDayOfCalendarMonths(application.requestedFrom, capMonths);
    const validTo = application.requestedTo < cappedTo ? application.requestedTo : cappedTo;
    let renewed: Permit | null = null;
    if (application.renewsPermitId) {
      renewed = await this.get(enterpriseScope(application), application.renewsPermitId, manager, true);
    }
    const permit = await manager.save(
      manager.create(Permit, {
        noticeNumber: await nextNoticeNumber(
          manager,
          jurisdiction.noticePrefix,
          application.kind,
          Number(application.requestedFrom.slice(0, 4)),
        ),
        applicationId: application.id,
        enterpriseId: application.enterpriseId,
        jurisdictionCode: application.jurisdictionCode,
        kind: application.kind,
        validFrom: application.requestedFrom,
        validTo,
        zoneIds: application.zoneIds,
        timeWindows: dto.timeWindows ?? [],
        conditions: application.conditions,
        driverlessStage: application.requestedDriverlessStage,
        renewsPermitId: renewed?.id ?? null,
        issuedBy: ctx.actor.userId,
      }),
    );
    await manager.insert(
      PermitVehicle,
      application.vehicleIds.map((vehicleId) => ({ permitId: permit.id, vehicleId, applicationId: application.id })),
    );
    await this.audit.recordFor(manager, ctx, 'permit', permit, renewed ? 'permit.renewed' : 'permit.issued', null, {
      noticeNumber: permit.noticeNumber,
      validFrom: permit.validFrom,
      validTo: permit.validTo,
      validityCapMonths: capMonths,
      vehicleIds: application.vehicleIds,
      renews: renewed?.noticeNumber ?? null,
    });
    return permit;
  }

  /** Adds vehicles of identical configuration to an issued permit (CN-NAT-ADD-VEH). */
  private async addVehicles(manager: EntityManager, ctx: RequestContext, application: Application): Promise<Permit> {
    const permit = await this.get(enterpriseScope(application), application.addsToPermitId!, manager, true);
    if (permit.status !== PermitStatus.Active) {
      throw new ConflictException(
        'permit-not-active',
        `Permit ${permit.noticeNumber} is ${permit.status}; vehicles can only be added to an ACTIVE permit`,
        { currentState: permit.status },
      );
    }
    const fingerprints = await manager.query<{ fingerprint: string }[]>(
      `SELECT DISTINCT v.configuration_fingerprint AS fingerprint FROM vehicles v
       WHERE v.id = ANY($1::uuid[]) OR v.id IN (SELECT vehicle_id FROM permit_vehicles WHERE permit_id = $2)`,
      [application.vehicleIds, permit.id],
    );
    if (fingerprints.length !== 1) {
      throw new ConflictException(
        'configuration-differs',
        `Vehicles added to ${permit.noticeNumber} must have the identical configuration of its vehicles`,
        { currentState: permit.status },
      );
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(PermitVehicle)
      .values(
        application.vehicleIds.map((vehicleId) => ({ permitId: permit.id, vehicleId, applicationId: application.id })),
      )
      .orIgnore()
      .execute();
    await this.audit.recordFor(manager, ctx, 'permit', permit, 'permit.vehicles-added', null, {
      vehicleIds: application.vehicleIds,
      applicationId: application.id,
    });
    return permit;
  }

  private async changeStatus(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    from: PermitStatus[],
    to: PermitStatus,
    action: string,
    reason: string,
  ): Promise<Permit> {
    const permit = await this.transactions.run(async (manager) => {
      const current = await this.get(scope, id, manager, true);
      if (!from.includes(current.status)) {
        throw new ConflictException(
          'illegal-transition',
          `Permit ${current.noticeNumber} is ${current.status} (allowed from ${from.join(', ')})`,
          { currentState: current.status },
        );
      }
      const before = current.status;
      Object.assign(current, { status: to, statusReason: reason });
      await manager.save(current);
      await this.audit.recordFor(manager, ctx, 'permit', current, action, { status: before }, { status: to, reason });
      return current;
    });
    await this.announceChange();
    return permit;
  }
}
