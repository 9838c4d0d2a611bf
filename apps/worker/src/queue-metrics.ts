import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Queue } from 'bullmq';
import { Gauge, register } from 'prom-client';
import { QueueName } from '@app/core';

export const QUEUE_JOBS_METRIC = 'bullmq_queue_jobs';
const STATES = ['wait', 'active', 'delayed', 'failed'] as const;

/**
 * Jobs per queue and state on the worker's /metrics, read from Redis at each scrape: the telemetry
 * backlog is what says a deployment needs more workers (the API answers 503 above
 * TELEMETRY_QUEUE_MAX_WAITING).
 */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private gauge: Gauge | null = null;

  constructor(private readonly modules: ModuleRef) {}

  onModuleInit(): void {
    const queues = Object.values(QueueName).map((name) =>
      this.modules.get<Queue>(getQueueToken(name), { strict: false }),
    );
    // One gauge per process; a second worker in the same process (tests) replaces the first's.
    register.removeSingleMetric(QUEUE_JOBS_METRIC);
    this.gauge = new Gauge({
      name: QUEUE_JOBS_METRIC,
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [register],
      async collect() {
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES).catch(() => null);
          if (!counts) continue;
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  onModuleDestroy(): void {
    if (register.getSingleMetric(QUEUE_JOBS_METRIC) === this.gauge) register.removeSingleMetric(QUEUE_JOBS_METRIC);
  }
}
