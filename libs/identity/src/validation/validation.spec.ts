import { birthDateOf, maskIdentityNumber, residentIdentityNumberProblem } from './resident-identity-number';
import { unifiedSocialCreditCodeProblem } from './unified-social-credit-code';

describe('unified social credit code (GB 32100)', () => {
  it.each(['914403001922038216', '91350100M000100Y43', '91110000802100433B'])('accepts %s', (code) => {
    expect(unifiedSocialCreditCodeProblem(code)).toBeNull();
  });

  it('rejects a wrong check character and names the right one', () => {
    expect(unifiedSocialCreditCodeProblem('914403001922038217')).toBe('check character must be 6 (GB 32100)');
  });

  it('rejects wrong length and forbidden letters', () => {
    expect(unifiedSocialCreditCodeProblem('91440300192203821')).toBe('must be 18 characters');
    expect(unifiedSocialCreditCodeProblem('9144030019220382I6')).toMatch(/capital letters other than I/);
  });
});

describe('resident identity number (GB 11643)', () => {
  it.each(['11010519491231002X', '440524188001010014'])('accepts %s', (value) => {
    expect(residentIdentityNumberProblem(value, new Date('2026-11-23'))).toBeNull();
  });

  it('rejects a wrong check character and names the right one', () => {
    expect(residentIdentityNumberProblem('110105194912310021')).toBe('check character must be X (GB 11643)');
  });

  it('rejects impossible or future birth dates', () => {
    expect(residentIdentityNumberProblem('110105194902300021')).toBe('contains an impossible birth date');
    expect(residentIdentityNumberProblem('110105209901010021', new Date('2026-11-23'))).toBe(
      'contains an impossible birth date',
    );
  });

  it('masks all but the division code and the last four characters', () => {
    expect(maskIdentityNumber('11010519491231002X')).toBe('110105********002X');
    expect(birthDateOf('11010519491231002X')?.toISOString().slice(0, 10)).toBe('1949-12-31');
  });
});
