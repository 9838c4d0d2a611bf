import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  findVisibleOrFail,
  type Environment,
  hmacSha256Hex,
  InjectEnvironment,
  type RequestContext,
  scopeWhere,
  type TenantScope,
  TransactionService,
} from '@app/core';
import { type CreateSafetyOperatorDto, type UpdateSafetyOperatorDto } from './dto/identity.dto';
import { SafetyOperator } from './entities/safety-operator.entity';
import { EnterprisesService } from './enterprises.service';
import { birthDateOf, maskIdentityNumber } from './validation/resident-identity-number';

@Injectable()
export class SafetyOperatorsService {
  constructor(
    @InjectRepository(SafetyOperator) private readonly operators: Repository<SafetyOperator>,
    private readonly enterprises: EnterprisesService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  /** Declares an operator for the caller's own enterprise. */
  async create(ctx: RequestContext, scope: TenantScope, dto: CreateSafetyOperatorDto): Promise<SafetyOperator> {
    const enterprise = await this.enterprises.get(scope, ctx.actor.enterpriseId ?? '');
    const identityNumberHash = hmacSha256Hex(this.env.IDENTITY_HASH_SECRET, dto.identityNumber);
    if (await this.operators.existsBy({ enterpriseId: enterprise.id, identityNumberHash })) {
      throw new ConflictException(
        'safety-operator-exists',
        'This enterprise has already declared an operator with this identity number',
      );
    }
    const { identityNumber, ...facts } = dto;
    return this.transactions.run(async (manager) => {
      const operator = await manager.save(
        manager.create(SafetyOperator, {
          ...facts,
          enterpriseId: enterprise.id,
          jurisdictionCode: enterprise.jurisdictionCode,
          identityNumberMasked: maskIdentityNumber(identityNumber),
          identityNumberHash,
          birthDate: birthDateOf(identityNumber)!.toISOString().slice(0, 10),
          trainingCertificateRef: dto.trainingCertificateRef ?? null,
          remoteQualified: dto.remoteQualified ?? false,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'safety-operator.declared',
        entityType: 'safety_operator',
        entityId: operator.id,
        enterpriseId: operator.enterpriseId,
        jurisdictionCode: operator.jurisdictionCode,
        after: { ...facts, identityNumber: operator.identityNumberMasked },
      });
      return operator;
    });
  }

  list(scope: TenantScope): Promise<SafetyOperator[]> {
    return this.operators.find({ where: scopeWhere(scope), order: { createdAt: 'DESC' } });
  }

  async get(scope: TenantScope, id: string): Promise<SafetyOperator> {
    return findVisibleOrFail(this.operators.manager, SafetyOperator, 'Safety operator', scope, id);
  }

  async update(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    dto: UpdateSafetyOperatorDto,
  ): Promise<SafetyOperator> {
    return this.transactions.run(async (manager) => {
      const operator = await findVisibleOrFail(manager, SafetyOperator, 'Safety operator', scope, id, true);
      const changed = Object.fromEntries(
        Object.entries(dto).filter(
          ([key, value]) => value !== undefined && operator[key as keyof SafetyOperator] !== value,
        ),
      );
      if (Object.keys(changed).length === 0) return operator;
      const before = Object.fromEntries(
        Object.keys(changed).map((key) => [key, operator[key as keyof SafetyOperator]]),
      );
      Object.assign(operator, changed);
      await manager.save(operator);
      await this.audit.record(manager, ctx, {
        action: 'safety-operator.updated',
        entityType: 'safety_operator',
        entityId: operator.id,
        enterpriseId: operator.enterpriseId,
        jurisdictionCode: operator.jurisdictionCode,
        before,
        after: changed,
      });
      return operator;
    });
  }
}
