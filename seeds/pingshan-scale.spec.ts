import fc from 'fast-check';
import { PINGSHAN_PLATFORM, splitStages } from './pingshan-scale';

describe('splitStages', () => {
  it('gives every fleet exactly its size and every stage exactly its total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (sizes, a, b) => {
          const total = sizes.reduce((x, y) => x + y, 0);
          const closed = total === 0 ? 0 : a % (total + 1);
          const road = total - closed === 0 ? 0 : b % (total - closed + 1);
          const totals = { CLOSED_FIELD_TEST: closed, OPEN_ROAD_TEST: road, DEMONSTRATION: total - closed - road };
          const plan = splitStages(sizes, totals);
          plan.forEach((fleet, i) =>
            expect(fleet.CLOSED_FIELD_TEST + fleet.OPEN_ROAD_TEST + fleet.DEMONSTRATION).toBe(sizes[i]),
          );
          for (const stage of Object.keys(totals) as (keyof typeof totals)[]) {
            expect(plan.reduce((sum, fleet) => sum + fleet[stage], 0)).toBe(totals[stage]);
            plan.forEach((fleet) => expect(fleet[stage]).toBeGreaterThanOrEqual(0));
          }
        },
      ),
    );
  });

  it('splits in proportion to fleet size', () => {
    const plan = splitStages([100, 50, 50], { CLOSED_FIELD_TEST: 20, OPEN_ROAD_TEST: 60, DEMONSTRATION: 120 });
    expect(plan).toEqual([
      { CLOSED_FIELD_TEST: 10, OPEN_ROAD_TEST: 30, DEMONSTRATION: 60 },
      { CLOSED_FIELD_TEST: 5, OPEN_ROAD_TEST: 15, DEMONSTRATION: 30 },
      { CLOSED_FIELD_TEST: 5, OPEN_ROAD_TEST: 15, DEMONSTRATION: 30 },
    ]);
  });

  it('refuses sizes that do not add up to the stage totals', () => {
    expect(() => splitStages([10], PINGSHAN_PLATFORM.vehicles)).toThrow('fleet sizes add up to 10, stages to 205');
  });
});
