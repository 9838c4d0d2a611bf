import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { ALL_ROLES, type RequestContext, Role } from '@app/core';
import { CreateZoneDto, UpdateZoneDto, ZonesService } from '@app/fleet';
import { Access } from '../http/access.decorator';
import { Ctx } from '../http/request-context.decorator';
import { zoneView } from './views';

export class ZoneQueryDto {
  @IsOptional()
  @IsString()
  jurisdictionCode?: string;
}

@ApiTags('zones')
@Controller('zones')
export class ZonesController {
  constructor(private readonly zones: ZonesService) {}

  @Post()
  @Access([Role.Regulator, Role.PlatformAdmin], {
    summary: 'Create a zone (area, route with buffer, or closed test field)',
    description: 'GeoJSON in WGS-84, or GCJ-02 (crs: "GCJ02", as drawn on Chinese web maps), converted on input.',
    errors: [400, 409],
  })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateZoneDto) {
    return zoneView(await this.zones.create(ctx, dto));
  }

  @Get()
  @Access(ALL_ROLES, { summary: 'Zones, optionally of one jurisdiction' })
  async list(@Query() query: ZoneQueryDto) {
    return (await this.zones.list(query.jurisdictionCode)).map(zoneView);
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One zone with its geometry', errors: [400, 404] })
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return zoneView(await this.zones.get(id));
  }

  @Patch(':id')
  @Access([Role.Regulator, Role.PlatformAdmin], {
    summary: 'Change a zone’s name, geometry or buffer',
    errors: [400, 404],
  })
  async update(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateZoneDto) {
    return zoneView(await this.zones.update(ctx, id, dto));
  }
}
