import { problemValidator } from '@app/core';

/** GB 11643-1999: 17 digits (6 division, 8 birth date, 3 sequence) and an ISO 7064 MOD 11-2 check. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECKS = '10X98765432';

export function birthDateOf(identityNumber: string): Date | null {
  const [y, m, d] = [identityNumber.slice(6, 10), identityNumber.slice(10, 12), identityNumber.slice(12, 14)].map(
    Number,
  );
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return valid ? date : null;
}

/** Why a resident identity number is invalid, or null when it is valid. */
export function residentIdentityNumberProblem(value: string, today = new Date()): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 17 digits followed by a digit or X';
  const birth = birthDateOf(value);
  if (!birth || birth > today) return 'contains an impossible birth date';
  const expected = identityCheckCharacter(value);
  return value[17] === expected ? null : `check character must be ${expected} (GB 11643)`;
}

/** The check character of the first 17 digits of an identity number. */
export function identityCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + Number(first17[i]) * weight, 0);
  return CHECKS[sum % 11];
}

/** What responses show: the division code and the last four characters. */
export function maskIdentityNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

export const IsResidentIdentityNumber = problemValidator('isResidentIdentityNumber', (value) =>
  typeof value === 'string' ? residentIdentityNumberProblem(value) : 'must be a string',
);
