import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type RequestContext, Role } from '@app/core';
import { AccountsService, invitationView, InviteStaffDto } from '@app/identity';
import { Access } from '../http/access.decorator';
import { Ctx } from '../http/request-context.decorator';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('invitations')
  @Access([Role.PlatformAdmin], {
    summary: 'Invite a regulator, auditor or platform admin',
    description: 'Regulators and auditors are bound to the given jurisdiction. Returns the invitation token once.',
    errors: [400, 409],
  })
  async invite(@Ctx() ctx: RequestContext, @Body() dto: InviteStaffDto) {
    const { invitation, token } = await this.accounts.inviteStaff(ctx, dto);
    return invitationView(invitation, token);
  }
}
