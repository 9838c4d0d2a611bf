import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { ALL_ROLES, type RequestContext, Role, type TenantScope } from '@app/core';
import {
  AccountsService,
  accountView,
  EnterpriseDecisionDto,
  EnterprisesService,
  enterpriseView,
  InviteEnterpriseUserDto,
  invitationView,
  RegisterEnterpriseDto,
  RejectEnterpriseDto,
} from '@app/identity';
import { Access, PublicAccess } from '../http/access.decorator';
import { Ctx, RequestId, Scope } from '../http/request-context.decorator';

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterprisesController {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly accounts: AccountsService,
  ) {}

  @Post()
  @Throttle({ default: { limit: 20, ttl: 3_600_000 } })
  @PublicAccess({
    summary: 'Register an enterprise and its first administrator',
    description:
      'The enterprise starts PENDING_VERIFICATION until a regulator of its jurisdiction verifies it. At most 20 registrations per address per hour.',
    errors: [400, 409],
  })
  async register(@Body() dto: RegisterEnterpriseDto, @RequestId() requestId: string | null) {
    const { enterprise, admin } = await this.enterprises.register(dto, requestId);
    return { enterprise: enterpriseView(enterprise), admin: accountView(admin) };
  }

  @Get()
  @Access(ALL_ROLES, {
    summary: 'Enterprises visible to the caller',
    description: 'Enterprise users see their own; regulators and auditors their jurisdiction’s.',
  })
  async list(@Scope() scope: TenantScope) {
    return (await this.enterprises.list(scope)).map(enterpriseView);
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One enterprise', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return enterpriseView(await this.enterprises.get(scope, id));
  }

  @Post(':id/verify')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], {
    summary: 'Verify a pending enterprise (it may then file applications)',
    errors: [400, 404, 409],
  })
  async verify(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EnterpriseDecisionDto,
  ) {
    return enterpriseView(await this.enterprises.verify(ctx, scope, id, dto.note));
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], {
    summary: 'Reject a pending enterprise with a reason',
    errors: [400, 404, 409],
  })
  async reject(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectEnterpriseDto,
  ) {
    return enterpriseView(await this.enterprises.reject(ctx, scope, id, dto.reason));
  }

  @Post(':id/invitations')
  @Access([Role.EnterpriseAdmin], {
    summary: 'Invite a colleague into the enterprise',
    description: 'Returns the invitation token once; the invitee accepts it with POST /v1/auth/invitations/accept.',
    errors: [400, 404, 409],
  })
  async invite(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InviteEnterpriseUserDto,
  ) {
    const { invitation, token } = await this.accounts.inviteToEnterprise(ctx, scope, id, dto);
    return invitationView(invitation, token);
  }

  @Get(':id/users')
  @Access([Role.EnterpriseAdmin, Role.PlatformAdmin, Role.Regulator, Role.Auditor], {
    summary: 'Accounts of an enterprise',
    errors: [400, 404],
  })
  async users(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return (await this.accounts.listEnterpriseUsers(scope, id)).map(accountView);
  }
}
