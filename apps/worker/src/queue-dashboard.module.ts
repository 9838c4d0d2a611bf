import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import basicAuth from 'express-basic-auth';
import { type Environment, environmentConfig, QueueName } from '@app/core';

export const QUEUE_DASHBOARD_ROUTE = '/queues';

/**
 * The BullMQ dashboard (bull-board) on the worker's own port, which a deployment keeps internal:
 * every queue with its waiting, active, delayed and failed jobs, and retry of failed ones. Behind
 * HTTP basic authentication with QUEUE_DASHBOARD_USER and QUEUE_DASHBOARD_PASSWORD; without a
 * password it answers 404.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      inject: [environmentConfig.KEY],
      useFactory: (env: Environment) => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        boardOptions: { uiConfig: { boardTitle: 'AV permits queues' } },
        middleware: env.QUEUE_DASHBOARD_PASSWORD
          ? basicAuth({
              users: { [env.QUEUE_DASHBOARD_USER]: env.QUEUE_DASHBOARD_PASSWORD },
              challenge: true,
              realm: 'queues',
            })
          : (_req: Request, res: Response, _next: NextFunction) => res.status(404).end(),
      }),
    }),
    BullBoardModule.forFeature(...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueDashboardModule {}
