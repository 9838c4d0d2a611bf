import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, ENTERPRISE_ROLES, type RequestContext, type TenantScope } from '@app/core';
import {
  CreateSafetyOperatorDto,
  SafetyOperatorsService,
  safetyOperatorView,
  UpdateSafetyOperatorDto,
} from '@app/identity';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';

@ApiTags('safety operators')
@Controller('safety-operators')
export class SafetyOperatorsController {
  constructor(private readonly operators: SafetyOperatorsService) {}

  @Post()
  @Access(ENTERPRISE_ROLES, {
    summary: 'Declare a safety operator (测试驾驶人 / 安全员)',
    description: 'The identity number is validated (GB 11643) and only its masked form is ever shown.',
    errors: [400, 409],
  })
  async create(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: CreateSafetyOperatorDto) {
    return safetyOperatorView(await this.operators.create(ctx, scope, dto));
  }

  @Get()
  @Access(ALL_ROLES, { summary: 'Safety operators visible to the caller' })
  async list(@Scope() scope: TenantScope) {
    return (await this.operators.list(scope)).map(safetyOperatorView);
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One safety operator', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return safetyOperatorView(await this.operators.get(scope, id));
  }

  @Patch(':id')
  @Access(ENTERPRISE_ROLES, {
    summary: 'Update a safety operator’s qualifications and declarations',
    errors: [400, 404],
  })
  async update(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSafetyOperatorDto,
  ) {
    return safetyOperatorView(await this.operators.update(ctx, scope, id, dto));
  }
}
