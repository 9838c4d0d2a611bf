import fc from 'fast-check';
import { addSeqs, contains, formatMultirange, parseMultirange, watermarkOf } from './seq-ranges';

describe('seq ranges', () => {
  it('round-trips PostgreSQL multirange text', () => {
    expect(parseMultirange('{[1,11),[15,21)}')).toEqual([
      [1, 11],
      [15, 21],
    ]);
    expect(
      formatMultirange([
        [1, 11],
        [15, 21],
      ]),
    ).toBe('{[1,11),[15,21)}');
    expect(parseMultirange('{}')).toEqual([]);
  });

  it('merges seqs and gives the watermark', () => {
    const ranges = addSeqs([[1, 4]], [4, 5, 9, 7, 8]);
    expect(ranges).toEqual([
      [1, 6],
      [7, 10],
    ]);
    expect(watermarkOf(ranges)).toBe(5);
    expect(watermarkOf(addSeqs(ranges, [6]))).toBe(9);
    expect(watermarkOf(addSeqs([], [2, 3]))).toBe(0);
  });

  it('agrees with a plain set whatever the order and duplication of seqs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 30 }), { maxLength: 10 }),
        (batches) => {
          let ranges = addSeqs([], []);
          const set = new Set<number>();
          for (const batch of batches) {
            ranges = addSeqs(ranges, batch);
            batch.forEach((s) => set.add(s));
          }
          for (let s = 1; s <= 201; s += 1) expect(contains(ranges, s)).toBe(set.has(s));
          let expected = 0;
          while (set.has(expected + 1)) expected += 1;
          expect(watermarkOf(ranges)).toBe(expected);
        },
      ),
    );
  });
});
