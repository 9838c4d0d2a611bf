import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, Queue } from 'bullmq';
import {
  type Environment,
  InjectEnvironment,
  type JobName,
  type JobPayload,
  keepJobSchedulers,
  parseJobPayload,
  QueueName,
} from '@app/core';
import { GenerateReportJob, ReportsService, type ReportTarget, ScheduleReportsJob } from '@app/reporting';

type ReportsJobName = Extract<JobName, 'reports.monthly' | 'reports.notice-filing' | 'reports.generate'>;

/** Both jurisdictions served keep China time; each report's period is still taken in its own jurisdiction's zone. */
const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/**
 * Scheduled reports: on day 1 at 02:00 the monthly reports of the month before, and in June and
 * December (REPORTS_FILING_DAY, 03:00) the notice filing of the half-year. Each schedule fans out one
 * `reports.generate` job per report, whose id names the report and period, so a report is queued once
 * however often the schedule fires, and each retries on its own.
 */
@Processor(QueueName.Reports)
export class ReportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsProcessor.name);

  constructor(
    private readonly reports: ReportsService,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue<JobPayload<ReportsJobName>>,
    @InjectEnvironment() private readonly env: Environment,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await keepJobSchedulers(this.queue, () => this.schedule(), this.logger);
  }

  /** Upsert applies a changed filing day. */
  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'reports-monthly',
      { pattern: '0 2 1 * *', tz: SCHEDULE_TIME_ZONE },
      { name: 'reports.monthly', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'reports-notice-filing',
      { pattern: `0 3 ${this.env.REPORTS_FILING_DAY} 6,12 *`, tz: SCHEDULE_TIME_ZONE },
      { name: 'reports.notice-filing', data: {} },
    );
  }

  async process(job: Job<unknown, unknown, ReportsJobName>): Promise<void> {
    // Schedules fire hours away from a period boundary, so "now" at processing (even after retries) picks
    // the period they were meant for.
    switch (job.name) {
      case 'reports.monthly': {
        const { period } = parseJobPayload(ScheduleReportsJob, job.data);
        await this.enqueue(await this.reports.monthlyTargets(new Date(), period));
        return;
      }
      case 'reports.notice-filing': {
        const { period } = parseJobPayload(ScheduleReportsJob, job.data);
        await this.enqueue(await this.reports.filingTargets(new Date(), period));
        return;
      }
      case 'reports.generate': {
        const target = parseJobPayload(GenerateReportJob, job.data);
        const report = await this.reports.generateScheduled(target);
        this.logger.log(
          { reportId: report.id, kind: report.kind, period: target.period, generation: report.generation },
          'report generated',
        );
        return;
      }
    }
  }

  private async enqueue(targets: ReportTarget[]): Promise<void> {
    await this.queue.addBulk(
      targets.map((target) => ({
        name: 'reports.generate',
        data: target,
        opts: { jobId: `${target.kind}_${target.subject}_${target.period}` },
      })),
    );
    this.logger.log({ reports: targets.length }, 'reports queued');
  }
}
