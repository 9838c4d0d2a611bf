import { FaultLab } from './harness';
import { runScenario, type Scale, type ScenarioReport } from './scenarios';

/** A few dozen vehicles at 1 Hz, posting every 3 s; four of them outside their permitted zone. */
const SCALE: Scale = { vehicles: 24, violators: 4, hz: 1, batchS: 3, warmupS: 6, faultS: 5, afterS: 3 };

/** After recovery: every valid point stored once, watermarks at the last seq, aggregates, takeovers and alerts exact. */
function expectExactTotals(report: ScenarioReport): void {
  expect(report.mismatches).toEqual([]);
  expect(report.unexpected).toEqual([]);
  expect({ lost: report.lost, duplicated: report.duplicated, watermarksBehind: report.watermarksBehind }).toEqual({
    lost: 0,
    duplicated: 0,
    watermarksBehind: 0,
  });
  expect(report.stored).toBe(report.sent);
  expect(report.takeovers).toBeGreaterThan(0);
  expect(report.alerts).toBe(SCALE.violators);
}

describe('fault injection: after recovery nothing accepted is lost or counted twice', () => {
  let lab: FaultLab;

  beforeAll(async () => {
    lab = await FaultLab.start();
  });
  afterAll(async () => {
    await lab?.stop();
    if (lab?.keepLog) process.stderr.write(`API and worker logs kept in ${lab.logPath}\n`);
  });

  it('a worker SIGKILLed in the middle of batches (twice) and restarted: the API keeps accepting', async () => {
    const report = await runScenario(lab, 'worker-sigkill', SCALE);
    expectExactTotals(report);
    expect(report.evidence.killedMidJob).toBeGreaterThanOrEqual(1);
    expect(report.answersDuringOutage['202']).toBeGreaterThan(0);
    expect(Object.keys(report.answersDuringOutage).filter((status) => status !== '200' && status !== '202')).toEqual(
      [],
    );
  });

  it('Redis restarted empty while vehicles post: 503 with Retry-After while it is down, exact after resending', async () => {
    const report = await runScenario(lab, 'redis-restart', SCALE);
    expectExactTotals(report);
    // Batches answered 202 died with Redis; the vehicles resent them from the watermark.
    expect(report.evidence.queuedAtCrash).toBeGreaterThan(0);
    expect(report.resent).toBeGreaterThan(0);
    // Never a 202 for points that could not be enqueued, never a 500.
    expect(Object.keys(report.answersDuringOutage)).toEqual(['503']);
    expect(report.answersDuringOutage['503']).toBeGreaterThanOrEqual(SCALE.vehicles / 2);
    // The workers' repeating jobs (telemetry gaps, permit expiry, reports…) lived in Redis: they are back.
    expect(report.evidence.schedulesAfter).toBe(report.evidence.schedulesBefore);
    expect(report.evidence.schedulesBefore).toBeGreaterThan(0);
  });

  it('PostgreSQL restarted while the worker writes: jobs retry with backoff, nothing is counted twice', async () => {
    const report = await runScenario(lab, 'postgres-restart', SCALE);
    expectExactTotals(report);
    expect(report.evidence.retriedJobs).toBeGreaterThan(0);
    // Known vehicles keep posting (the queue holds their batches); one the API has never seen is told to retry.
    expect(report.answersDuringOutage['202']).toBeGreaterThan(0);
    expect(report.evidence.newcomerRefused).toBeGreaterThan(0);
    expect(report.evidence.newcomerOtherAnswers).toBe(0);
  });

  it('the same batch delivered twice at once to two workers is stored and counted once', async () => {
    const report = await runScenario(lab, 'duplicate-delivery', SCALE);
    expectExactTotals(report);
    expect(report.evidence.pairs).toBeGreaterThan(0);
    expect(report.evidence.jobsNotCompleted).toBe(0);
    expect(report.evidence.overlappingPairs).toBeGreaterThan(0);
    expect(report.evidence.pairsStoredTwice).toBe(0);
  });
});
