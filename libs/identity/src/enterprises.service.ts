import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type FindOptionsWhere, IsNull, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  isUniqueViolation,
  NotFoundException,
  type RequestContext,
  Role,
  type TenantScope,
  TransactionService,
} from '@app/core';
import { type RegisterEnterpriseDto } from './dto/identity.dto';
import { Enterprise, EnterpriseStatus } from './entities/enterprise.entity';
import { UserAccount } from './entities/user-account.entity';
import { JurisdictionsService } from './jurisdictions.service';
import { PasswordHasher } from './password-hasher';

@Injectable()
export class EnterprisesService {
  constructor(
    @InjectRepository(Enterprise) private readonly enterprises: Repository<Enterprise>,
    @InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>,
    private readonly jurisdictions: JurisdictionsService,
    private readonly passwords: PasswordHasher,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** Self-registration: the enterprise and its first admin, pending a regulator's verification. */
  async register(
    dto: RegisterEnterpriseDto,
    requestId: string | null,
  ): Promise<{ enterprise: Enterprise; admin: UserAccount }> {
    await this.jurisdictions.require(dto.jurisdictionCode);
    if (
      await this.enterprises.existsBy({
        creditCode: dto.creditCode,
        jurisdictionCode: dto.jurisdictionCode,
      })
    ) {
      throw new ConflictException(
        'enterprise-exists',
        `An enterprise with credit code ${dto.creditCode} is already registered in ${dto.jurisdictionCode}`,
      );
    }
    if (await this.accounts.existsBy({ email: dto.admin.email })) {
      throw new ConflictException('email-taken', `An account with e-mail ${dto.admin.email} already exists`);
    }
    const passwordHash = await this.passwords.hash(dto.admin.password);
    const registration = this.transactions.run(async (manager) => {
      const enterprise = await manager.save(
        manager.create(Enterprise, {
          name: dto.name,
          creditCode: dto.creditCode,
          jurisdictionCode: dto.jurisdictionCode,
          contactName: dto.contact.name,
          contactPhone: dto.contact.phone,
          contactEmail: dto.contact.email,
        }),
      );
      const admin = await manager.save(
        manager.create(UserAccount, {
          email: dto.admin.email,
          displayName: dto.admin.displayName,
          passwordHash,
          role: Role.EnterpriseAdmin,
          enterpriseId: enterprise.id,
        }),
      );
      const ctx: RequestContext = {
        actor: {
          userId: admin.id,
          role: Role.EnterpriseAdmin,
          enterpriseId: enterprise.id,
          jurisdictionCode: null,
        },
        requestId,
      };
      await this.audit.record(manager, ctx, {
        action: 'enterprise.registered',
        entityType: 'enterprise',
        entityId: enterprise.id,
        enterpriseId: enterprise.id,
        jurisdictionCode: enterprise.jurisdictionCode,
        after: {
          name: enterprise.name,
          creditCode: enterprise.creditCode,
          status: enterprise.status,
          adminAccountId: admin.id,
        },
      });
      return { enterprise, admin };
    });
    // Simultaneous registrations: the unique indexes keep the first.
    return registration.catch((error: unknown) => {
      if (isUniqueViolation(error, 'UQ_enterprises_credit_code_jurisdiction')) {
        throw new ConflictException(
          'enterprise-exists',
          `An enterprise with credit code ${dto.creditCode} is already registered in ${dto.jurisdictionCode}`,
        );
      }
      if (isUniqueViolation(error, 'UQ_user_accounts_email'))
        throw new ConflictException('email-taken', `An account with e-mail ${dto.admin.email} already exists`);
      throw error;
    });
  }

  list(scope: TenantScope): Promise<Enterprise[]> {
    return this.enterprises.find({ where: this.visible(scope), order: { createdAt: 'DESC' } });
  }

  async get(scope: TenantScope, id: string, manager: EntityManager = this.enterprises.manager): Promise<Enterprise> {
    const found = await manager.findOne(Enterprise, { where: this.visible(scope, id) });
    if (!found) throw new NotFoundException('Enterprise', id);
    return found;
  }

  verify(ctx: RequestContext, scope: TenantScope, id: string, note: string | undefined): Promise<Enterprise> {
    return this.decide(ctx, scope, id, EnterpriseStatus.Verified, 'enterprise.verified', note ?? null);
  }

  reject(ctx: RequestContext, scope: TenantScope, id: string, reason: string): Promise<Enterprise> {
    return this.decide(ctx, scope, id, EnterpriseStatus.Rejected, 'enterprise.rejected', reason);
  }

  private decide(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    status: EnterpriseStatus,
    action: string,
    note: string | null,
  ): Promise<Enterprise> {
    return this.transactions.run(async (manager) => {
      const enterprise = await manager.findOne(Enterprise, {
        where: this.visible(scope, id),
        lock: { mode: 'pessimistic_write' },
      });
      if (!enterprise) throw new NotFoundException('Enterprise', id);
      if (enterprise.status !== EnterpriseStatus.PendingVerification) {
        throw new ConflictException(
          'illegal-transition',
          `Enterprise ${id} is ${enterprise.status}; only a PENDING_VERIFICATION enterprise can be decided`,
          {
            currentState: enterprise.status,
          },
        );
      }
      const before = { status: enterprise.status };
      Object.assign(enterprise, {
        status,
        verifiedAt: new Date(),
        verifiedBy: ctx.actor.userId,
        decisionNote: note,
      });
      await manager.save(enterprise);
      await this.audit.record(manager, ctx, {
        action,
        entityType: 'enterprise',
        entityId: enterprise.id,
        enterpriseId: enterprise.id,
        jurisdictionCode: enterprise.jurisdictionCode,
        before,
        after: { status, note },
      });
      return enterprise;
    });
  }

  /**
   * The enterprises a scope can see (optionally the one with `id`). An enterprise is scoped by
   * its own id, so an enterprise user asking for another id gets a condition nothing matches.
   */
  private visible(scope: TenantScope, id?: string): FindOptionsWhere<Enterprise> {
    switch (scope.kind) {
      case 'all':
        return id ? { id } : {};
      case 'jurisdiction':
        return id ? { id, jurisdictionCode: scope.jurisdictionCode } : { jurisdictionCode: scope.jurisdictionCode };
      case 'enterprise':
        return {
          id: id === undefined || id === scope.enterpriseId ? scope.enterpriseId : IsNull(),
        };
    }
  }
}
