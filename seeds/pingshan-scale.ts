import { type VehicleStage } from '@app/statistics';

/**
 * The Pingshan platform's published scale (SEED-PS-PLATFORM): 12 enterprises and 205 vehicles,
 * 35 at the closed-field test stage, 63 on open-road tests and 107 in demonstration.
 */
export const PINGSHAN_PLATFORM = {
  enterprises: 12,
  vehicles: { CLOSED_FIELD_TEST: 35, OPEN_ROAD_TEST: 63, DEMONSTRATION: 107 } satisfies Record<VehicleStage, number>,
} as const;

export type StageCounts = Record<VehicleStage, number>;

/**
 * Splits stage totals over fleets of the given sizes, each in proportion to its size, so that the
 * column totals are exact (largest remainder per stage, then each fleet's leftover to its largest
 * shortfall). Deterministic: the same sizes give the same plan.
 */
export function splitStages(sizes: readonly number[], totals: StageCounts): StageCounts[] {
  const stages = Object.keys(totals) as VehicleStage[];
  const fleetTotal = sizes.reduce((a, b) => a + b, 0);
  const stageTotal = stages.reduce((sum, s) => sum + totals[s], 0);
  if (fleetTotal !== stageTotal) throw new Error(`fleet sizes add up to ${fleetTotal}, stages to ${stageTotal}`);
  const plan = sizes.map(() => Object.fromEntries(stages.map((s) => [s, 0])) as StageCounts);
  const capacity = [...sizes];
  for (const stage of stages) {
    const shares = sizes.map((size) => (fleetTotal === 0 ? 0 : (size * totals[stage]) / fleetTotal));
    let left = totals[stage];
    shares.forEach((share, i) => {
      const whole = Math.min(Math.floor(share), capacity[i]);
      plan[i][stage] = whole;
      capacity[i] -= whole;
      left -= whole;
    });
    const byRemainder = shares
      .map((share, i) => ({ i, remainder: share - Math.floor(share) }))
      .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
    for (let k = 0; left > 0; k = (k + 1) % byRemainder.length) {
      const { i } = byRemainder[k];
      if (capacity[i] === 0) continue;
      plan[i][stage] += 1;
      capacity[i] -= 1;
      left -= 1;
    }
  }
  return plan;
}
