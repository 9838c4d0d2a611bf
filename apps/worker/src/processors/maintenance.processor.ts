import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type JobName, type JobPayload, keepJobSchedulers, QueueName } from '@app/core';
import { PermitsService } from '@app/permits';
import { RoadsideHeartbeatsService } from '@app/roadside';
import { AlertsService, IncidentDeadlines, WebhookDispatcher } from '@app/supervision';

type MaintenanceJobName = Extract<
  JobName,
  | 'maintenance.telemetry-partitions'
  | 'maintenance.expire-permits'
  | 'maintenance.telemetry-gaps'
  | 'maintenance.incident-deadlines'
  | 'maintenance.roadside-offline'
  | 'maintenance.webhook-catch-up'
>;

/**
 * Scheduled upkeep: daily partitions of telemetry_points (eight days back, the resend window, and
 * three ahead), permits expiring at the end of their validity, telemetry gaps, overdue incident
 * analysis reports, silent roadside devices and webhook deliveries the live relay missed.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly permits: PermitsService,
    private readonly alerts: AlertsService,
    private readonly incidentDeadlines: IncidentDeadlines,
    private readonly roadside: RoadsideHeartbeatsService,
    private readonly webhooks: WebhookDispatcher,
    @InjectQueue(QueueName.Maintenance)
    private readonly queue: Queue<JobPayload<MaintenanceJobName>>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensurePartitions();
    await keepJobSchedulers(this.queue, () => this.schedule(), this.logger);
    await this.queue.add('maintenance.expire-permits', {}, { jobId: 'expire-permits-at-start' });
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'telemetry-partitions-daily',
      { pattern: '15 0 * * *', tz: 'UTC' },
      { name: 'maintenance.telemetry-partitions', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'expire-permits-hourly',
      { pattern: '5 * * * *', tz: 'UTC' },
      { name: 'maintenance.expire-permits', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'telemetry-gaps-every-minute',
      { every: 60_000 },
      { name: 'maintenance.telemetry-gaps', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'incident-deadlines-every-minute',
      { every: 60_000 },
      { name: 'maintenance.incident-deadlines', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'roadside-offline-every-30s',
      { every: 30_000 },
      { name: 'maintenance.roadside-offline', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'webhook-catch-up-every-30s',
      { every: 30_000 },
      { name: 'maintenance.webhook-catch-up', data: {} },
    );
  }

  async process(job: Job<unknown, unknown, MaintenanceJobName>): Promise<void> {
    switch (job.name) {
      case 'maintenance.telemetry-partitions':
        await this.ensurePartitions();
        return;
      case 'maintenance.expire-permits':
        await this.permits.expireDue();
        return;
      case 'maintenance.telemetry-gaps':
        await this.alerts.openTelemetryGaps();
        return;
      case 'maintenance.incident-deadlines':
        await this.incidentDeadlines.openOverdueAnalyses();
        return;
      case 'maintenance.roadside-offline':
        await this.roadside.openOfflineAlerts();
        return;
      case 'maintenance.webhook-catch-up':
        await this.webhooks.catchUp();
        return;
    }
  }

  private async ensurePartitions(): Promise<void> {
    const [{ created }] = await this.dataSource.query<{ created: number }[]>(
      'SELECT ensure_telemetry_partitions(current_date - 8, current_date + 3) AS created',
    );
    if (created > 0) this.logger.log({ created }, 'telemetry partitions created');
  }
}
