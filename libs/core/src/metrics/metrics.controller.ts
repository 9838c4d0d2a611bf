import { Controller, Get, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { type Response } from 'express';
import { Public } from '../http/public.decorator';

/** Prometheus scrape endpoint at /metrics, outside URI versioning. */
@ApiExcludeController()
@Public()
@Controller({ version: VERSION_NEUTRAL })
export class MetricsController extends PrometheusController {
  @Get()
  override index(@Res({ passthrough: true }) response: Response): Promise<string> {
    return super.index(response);
  }
}
