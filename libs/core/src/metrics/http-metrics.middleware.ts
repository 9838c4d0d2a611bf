import { Injectable, type NestMiddleware } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { type NextFunction, type Request, type Response } from 'express';
import { Histogram } from 'prom-client';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/** Observes every request's duration by method, matched route and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@InjectMetric(HTTP_DURATION_METRIC) private readonly duration: Histogram<string>) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.duration.startTimer();
    res.on('finish', () => {
      // The matched route pattern keeps label cardinality bounded (no ids in labels).
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
    });
    next();
  }
}
