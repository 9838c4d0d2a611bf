import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  type MessageEvent,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { ALL_ROLES, type RequestContext, Role, type TenantScope } from '@app/core';
import { AlertNoteDto, AlertQueryDto, AlertsService, ResolveAlertDto } from '@app/supervision';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';

const DECIDERS = [Role.Regulator, Role.PlatformAdmin, Role.EnterpriseAdmin, Role.EnterpriseOperator];

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Access(ALL_ROLES, {
    summary: 'Compliance alerts, newest first',
    description:
      'Filter by enterprise, vehicle, type and status; regulators see their jurisdiction, enterprises their own.',
    errors: [400],
  })
  list(@Scope() scope: TenantScope, @Query() query: AlertQueryDto) {
    return this.alerts.list(scope, query);
  }

  @Sse('stream')
  @ApiProduces('text/event-stream')
  @Access([Role.Regulator, Role.Auditor, Role.PlatformAdmin], {
    summary: 'Live stream of alerts as they open or change (Server-Sent Events)',
    description: 'Each event carries one alert; `opened` is true for a new one.',
  })
  stream(@Scope() scope: TenantScope): Observable<MessageEvent> {
    return this.alerts
      .stream(scope)
      .pipe(map((alert) => ({ type: alert.opened ? 'alert.opened' : 'alert.updated', id: alert.id, data: alert })));
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One alert', errors: [400, 404] })
  get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.get(scope, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @Access(DECIDERS, { summary: 'Acknowledge an open alert', errors: [400, 404, 409] })
  acknowledge(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AlertNoteDto,
  ) {
    return this.alerts.acknowledge(ctx, scope, id, dto.note);
  }

  @Post(':id/resolve')
  @HttpCode(HttpStatus.OK)
  @Access(DECIDERS, {
    summary: 'Resolve an alert with a note; the next occurrence opens a new one',
    errors: [400, 404, 409],
  })
  resolve(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResolveAlertDto,
  ) {
    return this.alerts.resolve(ctx, scope, id, dto.note);
  }
}
