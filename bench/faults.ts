/**
 * Load-and-fault report: the fault-injection scenarios of test/faults at the scale of the Pingshan
 * platform (205 vehicles), each on a fresh set of vehicles against a private PostgreSQL and Redis
 * and the compiled API and worker. For each fault it prints the load the platform held while it
 * lasted, points lost and duplicated, the time to recover and the alerts raised, then one
 * machine-readable RESULT line. Exits 1 if anything was lost, duplicated or miscounted.
 *
 *   npm run bench:faults                  # 205 vehicles at 10 Hz, reporting every 5 s, 10 s faults
 *   VEHICLES=50 HZ=1 npm run bench:faults
 */
import 'reflect-metadata';
import { FaultLab } from '../test/faults/harness';
import { FAULTS, runScenario, type Scale, type ScenarioReport } from '../test/faults/scenarios';

const num = (name: string, fallback: number): number => (process.env[name] ? Number(process.env[name]) : fallback);
const SCALE: Scale = {
  vehicles: num('VEHICLES', 205),
  violators: num('VIOLATORS', 10),
  hz: num('HZ', 10),
  batchS: num('BATCH_S', 5),
  warmupS: num('WARMUP_S', 10),
  faultS: num('FAULT_S', 10),
  afterS: num('AFTER_S', 10),
};

const answers = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([status, n]) => `${n}×${status}`)
    .join(' ');

const evidence = (r: ScenarioReport): string =>
  Object.entries(r.evidence)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');

async function main(): Promise<void> {
  process.stdout.write(
    `${SCALE.vehicles} vehicles × ${SCALE.hz} Hz (${SCALE.vehicles * SCALE.hz} points/s offered), one request per vehicle every ${SCALE.batchS} s; ` +
      `${SCALE.warmupS} s of load, a ${SCALE.faultS} s fault, ${SCALE.afterS} s more load, then drain and check.\n`,
  );
  const lab = await FaultLab.start();
  const reports: ScenarioReport[] = [];
  try {
    for (const fault of FAULTS) {
      process.stdout.write(`running ${fault}…\n`);
      reports.push(await runScenario(lab, fault, SCALE));
    }
  } finally {
    await lab.stop();
    if (lab.keepLog) process.stdout.write(`API and worker logs kept in ${lab.logPath}\n`);
  }

  const header = [
    'fault',
    'pts/s held',
    'answers while down',
    'sent',
    'lost',
    'duplicated',
    'resent',
    'recover s',
    'alerts',
    'takeovers',
    'checks',
  ];
  const rows = reports.map((r) => [
    r.fault,
    `${Math.round(r.heldPps)} of ${r.offeredPps}`,
    answers(r.answersDuringOutage),
    String(r.sent),
    String(r.lost),
    String(r.duplicated),
    String(r.resent),
    r.recoverS.toFixed(1),
    String(r.alerts),
    String(r.takeovers),
    r.mismatches.length + r.unexpected.length + r.watermarksBehind === 0
      ? 'exact'
      : `${r.mismatches.length} mismatches`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${[line(header), ...rows.map(line)].join('\n')}\n\n`);
  for (const r of reports) {
    process.stdout.write(
      `${r.fault}: fault ${r.faultS.toFixed(1)} s, drain ${r.drainS.toFixed(1)} s; ${evidence(r)}\n`,
    );
    for (const m of [...r.mismatches, ...r.unexpected.map((e) => `unexpected answer ${JSON.stringify(e)}`)].slice(
      0,
      10,
    ))
      process.stdout.write(`  ${m}\n`);
  }
  const lost = reports.reduce((t, r) => t + r.lost, 0);
  const duplicated = reports.reduce((t, r) => t + r.duplicated, 0);
  const wrong = reports.reduce((t, r) => t + r.mismatches.length + r.unexpected.length + r.watermarksBehind, 0);
  const maxRecover = Math.max(...reports.map((r) => r.recoverS));
  process.stdout.write(
    `\ncommand: VEHICLES=${SCALE.vehicles} VIOLATORS=${SCALE.violators} HZ=${SCALE.hz} BATCH_S=${SCALE.batchS} ` +
      `WARMUP_S=${SCALE.warmupS} FAULT_S=${SCALE.faultS} AFTER_S=${SCALE.afterS} npm run bench:faults\n`,
  );
  process.stdout.write(
    `RESULT faults=${reports.length} lost=${lost} duplicated=${duplicated} max_recover_s=${maxRecover.toFixed(1)}\n`,
  );
  process.exitCode = lost === 0 && duplicated === 0 && wrong === 0 ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
