import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { ALL_ROLES, type RequestContext, Role, type TenantScope } from '@app/core';
import { PermitsService, PermitStatus, ReasonDto, RecognitionDto } from '@app/permits';
import { Access, PublicAccess } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';
import { permitView } from './views';

export class PermitQueryDto {
  @IsOptional()
  @IsEnum(PermitStatus)
  status?: PermitStatus;
}

export class RegisterQueryDto {
  @IsOptional()
  @IsString()
  jurisdictionCode?: string;
}

@ApiTags('permits')
@Controller()
export class PermitsController {
  constructor(private readonly permits: PermitsService) {}

  @Get('permits')
  @Access(ALL_ROLES, { summary: 'Permits visible to the caller', errors: [400] })
  async list(@Scope() scope: TenantScope, @Query() query: PermitQueryDto) {
    return (await this.permits.list(scope, query.status)).map((p) => permitView(p));
  }

  @Get('permits/:id')
  @Access(ALL_ROLES, { summary: 'One permit with its vehicles', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const permit = await this.permits.get(scope, id);
    return permitView(permit, await this.permits.vehiclesOf(permit.id));
  }

  @Post('permits/:id/suspend')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], { summary: 'Suspend an active permit', errors: [400, 404, 409] })
  async suspend(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return permitView(await this.permits.suspend(ctx, scope, id, dto.reason));
  }

  @Post('permits/:id/reinstate')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], { summary: 'Reinstate a suspended permit', errors: [400, 404, 409] })
  async reinstate(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return permitView(await this.permits.reinstate(ctx, scope, id, dto.reason));
  }

  @Post('permits/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], { summary: 'Revoke a permit (final)', errors: [400, 404, 409] })
  async revoke(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return permitView(await this.permits.revoke(ctx, scope, id, dto.reason));
  }

  @Post('recognitions')
  @Access([Role.Regulator], {
    summary: 'Recognise mileage accrued under another jurisdiction’s permit',
    description:
      'It then counts toward this jurisdiction’s prerequisites; evaluations show which facts came from recognition.',
    errors: [400, 404],
  })
  recognise(@Ctx() ctx: RequestContext, @Body() dto: RecognitionDto) {
    return this.permits.recognise(ctx, dto);
  }

  @Get('public/permits')
  @PublicAccess({ summary: 'Public register of active notices (no personal data)', errors: [400] })
  publicRegister(@Query() query: RegisterQueryDto) {
    return this.permits.publicRegister(query.jurisdictionCode);
  }
}
