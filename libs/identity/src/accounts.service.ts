import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  type Environment,
  InjectEnvironment,
  randomToken,
  type RequestContext,
  Role,
  sha256Hex,
  type TenantScope,
  TransactionService,
  UnauthorizedException,
  ValidationFailedException,
} from '@app/core';
import { type AcceptInvitationDto, type InviteEnterpriseUserDto, type InviteStaffDto } from './dto/identity.dto';
import { Invitation } from './entities/invitation.entity';
import { UserAccount } from './entities/user-account.entity';
import { EnterprisesService } from './enterprises.service';
import { JurisdictionsService } from './jurisdictions.service';
import { PasswordHasher } from './password-hasher';

export interface IssuedInvitation {
  invitation: Invitation;
  token: string;
}

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly enterprises: EnterprisesService,
    private readonly jurisdictions: JurisdictionsService,
    private readonly passwords: PasswordHasher,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  async get(id: string): Promise<UserAccount | null> {
    return this.accounts.findOneBy({ id });
  }

  /** An enterprise admin invites a colleague into the same enterprise. */
  async inviteToEnterprise(
    ctx: RequestContext,
    scope: TenantScope,
    enterpriseId: string,
    dto: InviteEnterpriseUserDto,
  ): Promise<IssuedInvitation> {
    const enterprise = await this.enterprises.get(scope, enterpriseId);
    return this.invite(
      ctx,
      { ...dto, enterpriseId: enterprise.id, jurisdictionCode: null },
      enterprise.jurisdictionCode,
    );
  }

  /** A platform admin invites regulators, auditors and other admins. */
  async inviteStaff(ctx: RequestContext, dto: InviteStaffDto): Promise<IssuedInvitation> {
    if (dto.role === Role.PlatformAdmin) {
      if (dto.jurisdictionCode)
        throw new ValidationFailedException([
          { field: 'jurisdictionCode', reason: 'must be absent for PLATFORM_ADMIN' },
        ]);
    } else {
      await this.jurisdictions.require(dto.jurisdictionCode);
    }
    const jurisdictionCode = dto.role === Role.PlatformAdmin ? null : dto.jurisdictionCode!;
    return this.invite(ctx, { ...dto, enterpriseId: null, jurisdictionCode }, jurisdictionCode);
  }

  async listEnterpriseUsers(scope: TenantScope, enterpriseId: string): Promise<UserAccount[]> {
    const enterprise = await this.enterprises.get(scope, enterpriseId);
    return this.accounts.find({
      where: { enterpriseId: enterprise.id },
      order: { createdAt: 'ASC' },
    });
  }

  /** Creates the account an invitation describes; each invitation works once, before it expires. */
  async accept(dto: AcceptInvitationDto, requestId: string | null): Promise<UserAccount> {
    const invitation = await this.invitations.findOneBy({
      tokenHash: sha256Hex(dto.token),
      acceptedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!invitation)
      throw new UnauthorizedException(
        'invalid-invitation',
        'Invitation token is not valid, was already used, or has expired',
      );
    await this.assertEmailFree(invitation.email);
    const passwordHash = await this.passwords.hash(dto.password);
    return this.transactions.run(async (manager) => {
      const claimed = await manager.update(
        Invitation,
        { id: invitation.id, acceptedAt: IsNull() },
        { acceptedAt: new Date() },
      );
      if (claimed.affected !== 1) throw new UnauthorizedException('invalid-invitation', 'Invitation was already used');
      const account = await manager.save(
        manager.create(UserAccount, {
          email: invitation.email,
          displayName: invitation.displayName,
          passwordHash,
          role: invitation.role,
          enterpriseId: invitation.enterpriseId,
          jurisdictionCode: invitation.jurisdictionCode,
        }),
      );
      const ctx: RequestContext = {
        actor: {
          userId: account.id,
          role: account.role,
          enterpriseId: account.enterpriseId,
          jurisdictionCode: account.jurisdictionCode,
        },
        requestId,
      };
      await this.audit.record(manager, ctx, {
        action: 'account.created',
        entityType: 'user_account',
        entityId: account.id,
        enterpriseId: account.enterpriseId,
        jurisdictionCode: account.jurisdictionCode,
        after: { email: account.email, role: account.role },
        details: { invitationId: invitation.id, invitedBy: invitation.invitedBy },
      });
      return account;
    });
  }

  /** Creates the first platform admin from the environment, once. */
  async ensureBootstrapAdmin(): Promise<void> {
    const email = this.env.BOOTSTRAP_ADMIN_EMAIL?.toLowerCase();
    const password = this.env.BOOTSTRAP_ADMIN_PASSWORD;
    if (!email || !password) return;
    if (await this.accounts.existsBy({ email })) return;
    const passwordHash = await this.passwords.hash(password);
    await this.transactions.run(async (manager) => {
      // Two API replicas may start at once; the unique e-mail index lets only one insert win.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(UserAccount)
        .values({
          email,
          displayName: 'Platform administrator',
          passwordHash,
          role: Role.PlatformAdmin,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) return;
      await this.audit.record(manager, 'system', {
        action: 'account.bootstrapped',
        entityType: 'user_account',
        entityId: id,
        after: { email, role: Role.PlatformAdmin },
      });
      this.logger.log(`created platform admin ${email} from BOOTSTRAP_ADMIN_EMAIL`);
    });
  }

  private async invite(
    ctx: RequestContext,
    target: {
      email: string;
      displayName: string;
      role: Role;
      enterpriseId: string | null;
      jurisdictionCode: string | null;
    },
    auditJurisdiction: string | null,
  ): Promise<IssuedInvitation> {
    await this.assertEmailFree(target.email);
    const token = randomToken('inv');
    const invitation = await this.transactions.run(async (manager) => {
      const created = await manager.save(
        manager.create(Invitation, {
          ...target,
          tokenHash: sha256Hex(token),
          invitedBy: ctx.actor.userId,
          expiresAt: new Date(Date.now() + this.env.INVITATION_TTL_HOURS * 3600_000),
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: created.id,
        enterpriseId: target.enterpriseId,
        jurisdictionCode: auditJurisdiction,
        after: {
          email: target.email,
          role: target.role,
          enterpriseId: target.enterpriseId,
          jurisdictionCode: target.jurisdictionCode,
        },
      });
      return created;
    });
    return { invitation, token };
  }

  private async assertEmailFree(email: string): Promise<void> {
    if (await this.accounts.existsBy({ email })) {
      throw new ConflictException('email-taken', `An account with e-mail ${email} already exists`);
    }
  }
}
