import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AuditCheckpointService, type AuditEntry, AuditService } from '@app/audit';
import { IsStorableDate, type RequestContext, Role, type TenantScope } from '@app/core';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';

export class AuditQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** Entries at or after this time (RFC 3339). */
  @IsOptional()
  @IsStorableDate()
  from?: Date;

  @IsOptional()
  @IsStorableDate()
  to?: Date;

  /** Cursor: the `nextBeforeSeq` of the previous page. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  beforeSeq?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Accepted for symmetry with other lists; entries are always newest first. */
  @IsOptional()
  @IsIn(['desc'])
  order?: 'desc';
}

function entryView(e: AuditEntry) {
  return {
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    enterpriseId: e.enterpriseId,
    jurisdictionCode: e.jurisdictionCode,
    summary: e.summary,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Get()
  @Access([Role.Auditor, Role.PlatformAdmin, Role.EnterpriseAdmin], {
    summary: 'List audit entries, newest first',
    description:
      'Auditors see their jurisdiction’s entries, enterprise admins their enterprise’s, platform admins all.',
    errors: [400],
  })
  async list(@Scope() scope: TenantScope, @Query() query: AuditQueryDto) {
    const limit = query.limit ?? 100;
    const items = await this.audit.list(scope, { ...query, limit });
    return {
      items: items.map(entryView),
      nextBeforeSeq: items.length === limit ? items[items.length - 1].seq : null,
    };
  }

  @Get('verify')
  @Access([Role.Auditor, Role.PlatformAdmin], {
    summary: 'Recompute the whole hash chain now',
    description: 'Reports ok, the number of entries checked and the first entry that does not verify.',
  })
  async verify() {
    const { ok, entriesChecked, firstBrokenSeq, reason, headSeq, headHash } = await this.audit.verify();
    return { ok, entriesChecked, firstBrokenSeq, reason, headSeq, headHash };
  }

  @Post('checkpoints')
  @HttpCode(HttpStatus.ACCEPTED)
  @Access([Role.Auditor, Role.PlatformAdmin], {
    summary: 'Record a verified checkpoint of the chain (run by the worker)',
    description:
      'The worker verifies the chain and records its head hash, which can be published so a later rewrite is detectable.',
    errors: [503],
  })
  request(@Ctx() ctx: RequestContext) {
    return this.checkpoints.request(ctx);
  }

  @Get('checkpoints/:id')
  @Access([Role.Auditor, Role.PlatformAdmin], {
    summary: 'A checkpoint and its result',
    errors: [400, 404],
  })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.checkpoints.get(id);
  }
}
