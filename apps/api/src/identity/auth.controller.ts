import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, NotFoundException, type RequestContext } from '@app/core';
import {
  AcceptInvitationDto,
  AccountsService,
  type AccountView,
  accountView,
  AuthService,
  LoginDto,
  RefreshDto,
  type TokenPair,
} from '@app/identity';
import { Access, PublicAccess } from '../http/access.decorator';
import { Ctx, RequestId } from '../http/request-context.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @PublicAccess({
    summary: 'Sign in with e-mail and password',
    description:
      'Returns a short-lived access token and a refresh token. Limited per address and per account (429 with Retry-After).',
    errors: [400, 401, 503],
  })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokenPair> {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @PublicAccess({
    summary: 'Exchange a refresh token for new tokens',
    description: 'Each refresh token works once. Presenting a used one revokes the whole session.',
    errors: [400, 401],
  })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Access(ALL_ROLES, { summary: 'End the session of a refresh token', errors: [400] })
  async logout(@Ctx() ctx: RequestContext, @Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(ctx.actor, dto.refreshToken);
  }

  @Get('me')
  @Access(ALL_ROLES, { summary: 'The signed-in account' })
  async me(@Ctx() ctx: RequestContext): Promise<AccountView> {
    const account = await this.accounts.get(ctx.actor.userId);
    if (!account) throw new NotFoundException('Account', ctx.actor.userId);
    return accountView(account);
  }

  @Post('invitations/accept')
  @PublicAccess({ summary: 'Create an account from an invitation token', errors: [400, 401, 409] })
  async acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @RequestId() requestId: string | null,
  ): Promise<AccountView> {
    return accountView(await this.accounts.accept(dto, requestId));
  }
}
