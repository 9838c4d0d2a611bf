import { problemValidator } from '@app/core';

/** ISO 3779 / GB 16735: letters I, O and Q are never used; position 9 is a check digit. */
const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

const valueOf = (c: string): number => (c >= '0' && c <= '9' ? Number(c) : TRANSLITERATION[c]);

/** The check digit (0-9 or X) for a 17-character VIN; position 9 is ignored. */
export function vinCheckDigit(vin: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => (i === 8 ? total : total + valueOf(vin[i]) * weight), 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Why a VIN is invalid, or null when it is valid. */
export function vinProblem(vin: string): string | null {
  if (vin.length !== 17) return 'must be 17 characters';
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return 'must be digits and capital letters other than I, O, Q';
  const expected = vinCheckDigit(vin);
  return vin[8] === expected ? null : `check digit (9th character) must be ${expected} (ISO 3779)`;
}

export const IsVin = problemValidator('isVin', (value) =>
  typeof value === 'string' ? vinProblem(value) : 'must be a string',
);
