import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  findVisibleOrFail,
  NotFoundException,
  type RequestContext,
  scopeWhere,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { EnterprisesService, EnterpriseStatus } from '@app/identity';
import { type Evaluation } from '@app/rules';
import { transition } from './application-lifecycle';
import { DocumentStore } from './document-store';
import { type AddDocumentDto, type CreateApplicationDto, type UpdateApplicationDto } from './dto/permits.dto';
import { ApplicationDocument } from './entities/application-document.entity';
import { Application, ApplicationStatus } from './entities/application.entity';
import { EligibilityService } from './eligibility.service';

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
    @InjectRepository(ApplicationDocument) private readonly documents: Repository<ApplicationDocument>,
    private readonly enterprises: EnterprisesService,
    private readonly eligibility: EligibilityService,
    private readonly store: DocumentStore,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** Starts a draft for the caller's enterprise, which must have been verified by a regulator. */
  async create(ctx: RequestContext, scope: TenantScope, dto: CreateApplicationDto): Promise<Application> {
    const enterprise = await this.enterprises.get(scope, ctx.actor.enterpriseId ?? '');
    if (enterprise.status !== EnterpriseStatus.Verified) {
      throw new ConflictException(
        'enterprise-not-verified',
        `Enterprise ${enterprise.id} is ${enterprise.status}; a regulator must verify it before it files applications`,
        {
          currentState: enterprise.status,
        },
      );
    }
    return this.transactions.run(async (manager) => {
      await this.checkReferences(manager, enterprise.id, enterprise.jurisdictionCode, dto);
      const application = await manager.save(
        manager.create(Application, {
          ...dto,
          remoteOperatorIds: dto.remoteOperatorIds ?? [],
          requestedDriverlessStage: dto.requestedDriverlessStage ?? null,
          addsToPermitId: dto.addsToPermitId ?? null,
          renewsPermitId: dto.renewsPermitId ?? null,
          enterpriseId: enterprise.id,
          jurisdictionCode: enterprise.jurisdictionCode,
        }),
      );
      await this.audit.recordFor(manager, ctx, 'application', application, 'application.created', null, { ...dto });
      return application;
    });
  }

  list(scope: TenantScope, status?: ApplicationStatus): Promise<Application[]> {
    return this.applications.find({
      where: { ...scopeWhere(scope), ...(status ? { status } : {}) },
      order: { createdAt: 'DESC' },
    });
  }

  async get(
    scope: TenantScope,
    id: string,
    manager: EntityManager = this.applications.manager,
    lock = false,
  ): Promise<Application> {
    return findVisibleOrFail(manager, Application, 'Application', scope, id, lock);
  }

  async update(ctx: RequestContext, scope: TenantScope, id: string, dto: UpdateApplicationDto): Promise<Application> {
    return this.transactions.run(async (manager) => {
      const application = await this.get(scope, id, manager, true);
      transition(application.status, 'update');
      await this.checkReferences(manager, application.enterpriseId, application.jurisdictionCode, dto);
      const before = Object.fromEntries(Object.keys(dto).map((k) => [k, application[k as keyof Application]]));
      Object.assign(application, dto);
      await manager.save(application);
      await this.audit.recordFor(manager, ctx, 'application', application, 'application.updated', before, { ...dto });
      return application;
    });
  }

  async addDocument(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    dto: AddDocumentDto,
  ): Promise<ApplicationDocument> {
    const application = await this.get(scope, id);
    transition(application.status, 'update');
    if (dto.vehicleId && !application.vehicleIds.includes(dto.vehicleId)) {
      throw new ValidationFailedException([{ field: 'vehicleId', reason: 'is not one of the application’s vehicles' }]);
    }
    const bytes = Buffer.from(dto.contentBase64, 'base64');
    const { key, sha256 } = await this.store.put(bytes);
    return this.transactions.run(async (manager) => {
      const document = await manager.save(
        manager.create(ApplicationDocument, {
          applicationId: application.id,
          type: dto.type,
          fileName: dto.fileName,
          mediaType: dto.mediaType,
          sizeBytes: bytes.length,
          sha256,
          storageKey: key,
          amountCny: dto.amountCny ?? null,
          vehicleId: dto.vehicleId ?? null,
          validUntil: dto.validUntil ?? null,
          uploadedBy: ctx.actor.userId,
        }),
      );
      await this.audit.recordFor(manager, ctx, 'application', application, 'application.document-added', null, {
        documentId: document.id,
        type: dto.type,
        sha256,
        amountCny: dto.amountCny ?? null,
      });
      return document;
    });
  }

  async documentsOf(scope: TenantScope, id: string): Promise<ApplicationDocument[]> {
    const application = await this.get(scope, id);
    return this.documents.find({ where: { applicationId: application.id }, order: { uploadedAt: 'ASC' } });
  }

  async documentContent(
    scope: TenantScope,
    id: string,
    documentId: string,
  ): Promise<{ document: ApplicationDocument; bytes: Buffer }> {
    const application = await this.get(scope, id);
    const document = await this.documents.findOneBy({ id: documentId, applicationId: application.id });
    if (!document) throw new NotFoundException('Document', documentId);
    return { document, bytes: await this.store.get(document.storageKey) };
  }

  /** Submits (or resubmits) and evaluates eligibility. Failing rules do not block submission. */
  async submit(ctx: RequestContext, scope: TenantScope, id: string): Promise<Application> {
    return this.transactions.run(async (manager) => {
      const application = await this.get(scope, id, manager, true);
      const before = application.status;
      application.status = transition(application.status, 'submit');
      application.submittedAt = new Date();
      const evaluation = await this.eligibility.evaluate(manager, application, 'SUBMIT');
      await manager.save(application);
      await this.audit.recordFor(
        manager,
        ctx,
        'application',
        application,
        'application.submitted',
        { status: before },
        {
          status: application.status,
          eligible: evaluation.eligible,
          packVersion: evaluation.packVersion,
        },
      );
      return application;
    });
  }

  async withdraw(ctx: RequestContext, scope: TenantScope, id: string): Promise<Application> {
    return this.transactions.run(async (manager) => {
      const application = await this.get(scope, id, manager, true);
      const before = application.status;
      application.status = transition(application.status, 'withdraw');
      await manager.save(application);
      await this.audit.recordFor(
        manager,
        ctx,
        'application',
        application,
        'application.withdrawn',
        { status: before },
        { status: application.status },
      );
      return application;
    });
  }

  /** Evaluates now, from current facts, and keeps the result. */
  async evaluate(scope: TenantScope, id: string): Promise<Evaluation> {
    return this.transactions.run(async (manager) => {
      const application = await this.get(scope, id, manager);
      const evaluation = await this.eligibility.evaluate(manager, application, 'ON_DEMAND');
      await manager.update(Application, application.id, { evaluation });
      return evaluation;
    });
  }

  /** Vehicles and operators must be the enterprise's own; zones the jurisdiction's. */
  private async checkReferences(
    manager: EntityManager,
    enterpriseId: string,
    jurisdictionCode: string,
    dto: Partial<
      Pick<
        CreateApplicationDto,
        'vehicleIds' | 'operatorIds' | 'remoteOperatorIds' | 'zoneIds' | 'requestedFrom' | 'requestedTo'
      >
    >,
  ): Promise<void> {
    const problems: { field: string; reason: string }[] = [];
    const missing = async (field: string, ids: string[] | undefined, sql: string, param: string): Promise<void> => {
      if (!ids?.length) return;
      const rows = await manager.query<{ id: string }[]>(sql, [ids, param]);
      const found = new Set(rows.map((r) => r.id));
      const unknown = ids.filter((i) => !found.has(i));
      if (unknown.length)
        problems.push({ field, reason: `not found for this enterprise or jurisdiction: ${unknown.join(', ')}` });
    };
    await missing(
      'vehicleIds',
      dto.vehicleIds,
      'SELECT id FROM vehicles WHERE id = ANY($1::uuid[]) AND enterprise_id = $2',
      enterpriseId,
    );
    await missing(
      'operatorIds',
      dto.operatorIds,
      'SELECT id FROM safety_operators WHERE id = ANY($1::uuid[]) AND enterprise_id = $2',
      enterpriseId,
    );
    await missing(
      'remoteOperatorIds',
      dto.remoteOperatorIds,
      'SELECT id FROM safety_operators WHERE id = ANY($1::uuid[]) AND enterprise_id = $2',
      enterpriseId,
    );
    await missing(
      'zoneIds',
      dto.zoneIds,
      'SELECT id FROM zones WHERE id = ANY($1::uuid[]) AND jurisdiction_code = $2',
      jurisdictionCode,
    );
    if (dto.requestedFrom && dto.requestedTo && dto.requestedTo <= dto.requestedFrom) {
      problems.push({ field: 'requestedTo', reason: 'must be after requestedFrom' });
    }
    if (problems.length) throw new ValidationFailedException(problems);
  }
}
