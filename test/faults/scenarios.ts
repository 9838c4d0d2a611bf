/**
 * The four faults of issue 7, each run the same way: vehicles post at a steady rate, the fault is
 * injected and cleared, the platform recovers, the vehicles drain, and everything stored is
 * checked against what was sent. Shared by the fault tests (npm run test:faults) and the report
 * (npm run bench:faults).
 */
import { type JobPayload } from '@app/core';
import { parseTelemetryRequest } from '@app/telemetry';
import { type Exchange, httpTransport, SimFleet, type Transport } from './fleet';
import { type FaultLab, JURISDICTION, type Verification } from './harness';

export const FAULTS = ['worker-sigkill', 'redis-restart', 'postgres-restart', 'duplicate-delivery'] as const;
export type FaultName = (typeof FAULTS)[number];

export interface Scale {
  vehicles: number;
  /** How many of them drive outside their permitted zone (OUTSIDE_ZONE alerts). */
  violators: number;
  /** Points per second per vehicle. */
  hz: number;
  /** Each vehicle's report period. */
  batchS: number;
  /** Normal load before the fault. */
  warmupS: number;
  /** How long the fault lasts: a service down, or deliveries duplicated. */
  faultS: number;
  /** Normal load after recovery, before the vehicles drain. */
  afterS: number;
}

export interface ScenarioReport extends Verification {
  fault: FaultName;
  offeredPps: number;
  /** Points answered 202 per second while the faulted service was down (or the fault lasted): the load held. */
  heldPps: number;
  faultS: number;
  /** Answers to requests made and answered while the faulted service was down, by status. */
  answersDuringOutage: Record<string, number>;
  /** Answers TELEMETRY.md does not allow: anything but 200/202, or a 503/429 without Retry-After or problem+json. */
  unexpected: Exchange[];
  /** Seconds from the end of the fault until every point produced before it was stored. */
  recoverS: number;
  drainS: number;
  /** What shows the fault hit where it should (jobs killed mid-batch, jobs retried, concurrent pairs…). */
  evidence: Record<string, number>;
}

interface Injected {
  /** When the faulted service was down (requests inside it are checked). */
  outage?: [number, number];
  evidence: Record<string, number>;
  /** More evidence, gathered once the vehicles have drained. */
  after?: () => Promise<Record<string, number>>;
}

interface Fault {
  setup?(lab: FaultLab): Promise<void>;
  inject(lab: FaultLab, fleet: SimFleet, scale: Scale): Promise<Injected>;
  teardown?(lab: FaultLab): Promise<void>;
}

const RECOVERY_TIMEOUT_MS = 120_000;
const DRAIN_TIMEOUT_MS = 120_000;
/** The API's default TELEMETRY_RESEND_WINDOW_DAYS, for jobs built here the way the API builds them. */
const RESEND_WINDOW_MS = 7 * 86_400_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const DEFINITIONS: Record<FaultName, Fault> = {
  'worker-sigkill': {
    // First under normal load, then while the restarted worker works through the backlog.
    async inject(lab, _fleet, scale) {
      const from = Date.now();
      let killedMidJob = 0;
      for (const downS of [scale.faultS, 1]) {
        if (await lab.untilWorkerBusy(10_000)) killedMidJob += 1;
        await lab.stopWorker(lab.workers[0], 'SIGKILL');
        await sleep(downS * 1000);
        await lab.startWorker();
      }
      return { outage: [from, Date.now()], evidence: { kills: 2, killedMidJob } };
    },
  },

  'redis-restart': {
    // Killed, so it restarts empty: queued jobs, watermark copies and rate counters are gone. The
    // worker is paused for one report period first, so that Redis dies with accepted batches still
    // queued: the vehicles must resend them from the watermark.
    async inject(lab, _fleet, scale) {
      const schedulesBefore = await lab.jobSchedules();
      lab.signalWorkers('SIGSTOP');
      await sleep(scale.batchS * 1000);
      const queuedAtCrash = await lab.queue.getWaitingCount();
      await lab.redis.stopServer('SIGKILL');
      lab.signalWorkers('SIGCONT');
      const from = Date.now();
      await sleep(scale.faultS * 1000);
      const to = Date.now();
      await lab.redis.startServer();
      return {
        outage: [from, to],
        evidence: { queuedAtCrash, schedulesBefore },
        after: async () => ({ schedulesAfter: await lab.jobSchedules() }),
      };
    },
  },

  'postgres-restart': {
    async inject(lab, fleet, scale) {
      // A vehicle the API has never seen: authenticating its token needs the database.
      const [newcomer] = await lab.createVehicles(1, 0);
      const stoppedMidJob = (await lab.untilWorkerBusy(10_000)) ? 1 : 0;
      await lab.pg.stopServer('fast');
      const from = Date.now();
      fleet.add([newcomer]);
      await sleep(scale.faultS * 1000);
      const to = Date.now();
      await lab.pg.startServer();
      return {
        outage: [from, to],
        evidence: { stoppedMidJob },
        async after() {
          const ids = new Set(fleet.all.map((v) => v.id));
          const completed = await lab.queue.getJobs(['completed'], 0, -1);
          const mine = fleet.exchanges.filter(
            (e) => e.vehicleId === newcomer.id && e.startedAt >= from && e.endedAt <= to,
          );
          return {
            retriedJobs: completed.filter((job) => ids.has(job.data.vehicleId) && job.attemptsMade > 1).length,
            newcomerRefused: mine.filter((e) => e.status === 503 && e.retryAfter !== null).length,
            newcomerOtherAnswers: mine.filter((e) => e.status !== 503 || e.retryAfter === null).length,
          };
        },
      };
    },
  },

  'duplicate-delivery': {
    // One job at a time per worker: two jobs processed at overlapping times ran on the two workers.
    setup: (lab) => lab.replaceWorkers(2, { TELEMETRY_WORKER_CONCURRENCY: '1' }),
    async inject(lab, fleet, scale) {
      const pairs: string[][] = [];
      const http = httpTransport(lab.apiUrl);
      fleet.useTransport(doubleDelivery(lab, http, pairs));
      await sleep(scale.faultS * 1000);
      fleet.useTransport(http);
      return { evidence: await pairOutcomes(lab, pairs) };
    },
    teardown: (lab) => lab.replaceWorkers(1),
  },
};

/** Each batch becomes the very job the API would enqueue, added twice in one call. */
function doubleDelivery(lab: FaultLab, http: Transport, pairs: string[][]): Transport {
  return {
    watermark: (vehicle) => http.watermark(vehicle),
    async post(vehicle, body) {
      const receivedAt = Date.now();
      const parsed = parseTelemetryRequest(JSON.parse(body), receivedAt, RESEND_WINDOW_MS);
      const data: JobPayload<'telemetry.persist'> = {
        vehicleId: vehicle.id,
        jurisdictionCode: JURISDICTION,
        receivedAt,
        points: parsed.points,
        rejectedSeqs: parsed.rejectedSeqs,
      };
      const jobs = await lab.queue.addBulk([
        { name: 'telemetry.persist', data },
        { name: 'telemetry.persist', data },
      ]);
      pairs.push(jobs.map((job) => job.id!));
      return {
        status: 202,
        retryAfter: null,
        contentType: 'application/json',
        body: { accepted: parsed.points.seq.length },
      };
    },
  };
}

/** Waits for every duplicated job to complete, then counts the pairs that overlapped and those stored twice. */
async function pairOutcomes(lab: FaultLab, pairs: string[][]): Promise<Record<string, number>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const jobs = await Promise.all(pairs.map((pair) => Promise.all(pair.map((id) => lab.queue.getJob(id)))));
    // A completed job's return value is its PersistResult; a failed or unfinished one has none.
    const results = jobs.map((pair) => pair.map((job) => (job?.returnvalue ?? null) as { stored: number } | null));
    const notCompleted = results.flat().filter((r) => r === null).length;
    if (notCompleted === 0 || Date.now() > deadline) {
      return {
        pairs: pairs.length,
        jobsNotCompleted: notCompleted,
        overlappingPairs: jobs.filter(([a, b]) => a!.processedOn! < b!.finishedOn! && b!.processedOn! < a!.finishedOn!)
          .length,
        pairsStoredTwice: results.filter((pair) => pair.filter((r) => (r?.stored ?? 0) > 0).length > 1).length,
      };
    }
    await sleep(200);
  }
}

/** Runs one fault with a fresh set of vehicles and checks everything after recovery. */
export async function runScenario(lab: FaultLab, name: FaultName, scale: Scale): Promise<ScenarioReport> {
  const fault = DEFINITIONS[name];
  await fault.setup?.(lab);
  const fleet = new SimFleet(httpTransport(lab.apiUrl), scale.hz, scale.batchS * 1000);
  try {
    fleet.add(await lab.createVehicles(scale.vehicles, scale.violators));
    await sleep(scale.warmupS * 1000);
    const started = Date.now();
    const injected = await fault.inject(lab, fleet, scale);
    const ended = Date.now();
    const recoverS = await lab.untilStored(fleet.produced(), RECOVERY_TIMEOUT_MS);
    await sleep(scale.afterS * 1000);
    const drainS = await fleet.drain(DRAIN_TIMEOUT_MS);
    fleet.stop();
    const evidence = { ...injected.evidence, ...(await injected.after?.()) };
    const verification = await lab.verify(fleet.all);
    const [from, to] = injected.outage ?? [started, ended];
    const during = fleet.exchanges.filter((e) => e.startedAt >= from && e.endedAt <= to);
    const held = during.filter((e) => e.kind === 'post').reduce((total, e) => total + e.accepted, 0);
    const answersDuringOutage: Record<string, number> = {};
    for (const e of during) answersDuringOutage[e.status] = (answersDuringOutage[e.status] ?? 0) + 1;
    const unexpected = fleet.exchanges.filter(
      (e) =>
        e.status !== 200 &&
        e.status !== 202 &&
        !(
          (e.status === 503 || e.status === 429) &&
          e.retryAfter !== null &&
          e.contentType?.startsWith('application/problem+json')
        ),
    );
    if (unexpected.length > 0) lab.keepLog = true;
    return {
      fault: name,
      offeredPps: fleet.offeredPps,
      heldPps: held / ((to - from) / 1000),
      faultS: (ended - started) / 1000,
      answersDuringOutage,
      unexpected,
      recoverS,
      drainS,
      evidence,
      ...verification,
    };
  } catch (error) {
    lab.keepLog = true;
    throw error;
  } finally {
    fleet.stop();
    await fault.teardown?.(lab);
  }
}
