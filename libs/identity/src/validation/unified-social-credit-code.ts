import { problemValidator } from '@app/core';

/** GB 32100-2015: 31 characters (digits and capitals without I, O, S, V, Z). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character of the first 17 characters of a code. */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + ALPHABET.indexOf(first17[i]) * weight, 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a unified social credit code is invalid, or null when it is valid. */
export function unifiedSocialCreditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  if (!SHAPE.test(code))
    return 'must be digits and capital letters other than I, O, S, V, Z, with a 6-digit division code';
  const expected = creditCodeCheckCharacter(code);
  return code[17] === expected ? null : `check character must be ${expected} (GB 32100)`;
}

export const IsUnifiedSocialCreditCode = problemValidator('isUnifiedSocialCreditCode', (value) =>
  typeof value === 'string' ? unifiedSocialCreditCodeProblem(value) : 'must be a string',
);
