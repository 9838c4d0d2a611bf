import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { type Response } from 'express';
import { ALL_ROLES, ENTERPRISE_ROLES, type RequestContext, Role, type TenantScope } from '@app/core';
import {
  AddDocumentDto,
  ApplicationsService,
  ApplicationStatus,
  ApproveDto,
  CreateApplicationDto,
  PermitsService,
  ReasonDto,
  UpdateApplicationDto,
} from '@app/permits';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';
import { applicationView, documentView, permitView } from './views';

export class ApplicationQueryDto {
  @IsOptional()
  @IsEnum(ApplicationStatus)
  status?: ApplicationStatus;
}

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly permits: PermitsService,
  ) {}

  @Post()
  @Access(ENTERPRISE_ROLES, {
    summary: 'Start a permit application (draft)',
    description:
      'Vehicles and operators must be the enterprise’s own, zones the jurisdiction’s; the enterprise must be verified.',
    errors: [400, 404, 409],
  })
  async create(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: CreateApplicationDto) {
    return applicationView(await this.applications.create(ctx, scope, dto));
  }

  @Get()
  @Access(ALL_ROLES, { summary: 'Applications visible to the caller', errors: [400] })
  async list(@Scope() scope: TenantScope, @Query() query: ApplicationQueryDto) {
    return (await this.applications.list(scope, query.status)).map(applicationView);
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One application, with its latest evaluation', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const application = await this.applications.get(scope, id);
    return { ...applicationView(application), evaluation: application.evaluation };
  }

  @Patch(':id')
  @Access(ENTERPRISE_ROLES, {
    summary: 'Change a draft (or an application returned for changes)',
    errors: [400, 404, 409],
  })
  async update(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ) {
    return applicationView(await this.applications.update(ctx, scope, id, dto));
  }

  @Post(':id/documents')
  @Access(ENTERPRISE_ROLES, {
    summary: 'File a document (metadata, content hash and the file itself)',
    errors: [400, 404, 409, 413],
  })
  async addDocument(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddDocumentDto,
  ) {
    return documentView(await this.applications.addDocument(ctx, scope, id, dto));
  }

  @Get(':id/documents')
  @Access(ALL_ROLES, { summary: 'Documents of an application', errors: [400, 404] })
  async documents(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return (await this.applications.documentsOf(scope, id)).map(documentView);
  }

  @Get(':id/documents/:documentId/content')
  @Access(ALL_ROLES, { summary: 'Download a filed document', errors: [400, 404] })
  async documentContent(
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { document, bytes } = await this.applications.documentContent(scope, id, documentId);
    res.setHeader('Content-Type', document.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`);
    return new StreamableFile(bytes);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Access(ENTERPRISE_ROLES, {
    summary: 'Submit for review; eligibility is evaluated and kept',
    description: 'Failing rules do not block submission; the reviewer sees them.',
    errors: [400, 404, 409],
  })
  async submit(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const application = await this.applications.submit(ctx, scope, id);
    return { ...applicationView(application), evaluation: application.evaluation };
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Access(ENTERPRISE_ROLES, { summary: 'Withdraw before a decision', errors: [400, 404, 409] })
  async withdraw(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return applicationView(await this.applications.withdraw(ctx, scope, id));
  }

  @Get(':id/eligibility')
  @Access(ALL_ROLES, {
    summary: 'Evaluate eligibility now, clause by clause with citations',
    description:
      'Messages are in Chinese and English; each result names its rule, citation and the threshold against the actual value.',
    errors: [400, 404],
  })
  eligibility(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.evaluate(scope, id);
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], { summary: 'Start reviewing a submitted application', errors: [400, 404, 409] })
  async review(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return applicationView(await this.permits.startReview(ctx, scope, id));
  }

  @Post(':id/request-changes')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], {
    summary: 'Return the application to the enterprise for changes',
    errors: [400, 404, 409],
  })
  async requestChanges(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return applicationView(await this.permits.requestChanges(ctx, scope, id, dto.reason));
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], { summary: 'Reject with a reason', errors: [400, 404, 409] })
  async reject(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return applicationView(await this.permits.reject(ctx, scope, id, dto.reason));
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], {
    summary: 'Approve and issue the notice (or add the vehicles to the permit it extends)',
    description:
      'Eligibility is re-evaluated; unless every rule passes, an overrideReason is required (409 not-eligible otherwise).',
    errors: [400, 404, 409],
  })
  async approve(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApproveDto,
  ) {
    const { application, permit } = await this.permits.approve(ctx, scope, id, dto);
    return { application: applicationView(application), permit: permitView(permit) };
  }
}
