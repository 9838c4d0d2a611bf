import { vinCheckDigit, vinProblem } from './vin';

describe('VIN (ISO 3779)', () => {
  it.each(['1M8GDM9AXKP042788', '11111111111111111', '1HGCM82633A004352'])('accepts %s', (vin) => {
    expect(vinProblem(vin)).toBeNull();
  });

  it('computes X when the remainder is 10', () => {
    expect(vinCheckDigit('1M8GDM9A_KP042788')).toBe('X');
  });

  it('rejects a wrong check digit and names the right one', () => {
    expect(vinProblem('1M8GDM9A1KP042788')).toBe('check digit (9th character) must be X (ISO 3779)');
  });

  it('rejects I, O, Q and wrong lengths', () => {
    expect(vinProblem('1M8GDM9AXKP04278O')).toBe('must be digits and capital letters other than I, O, Q');
    expect(vinProblem('1M8GDM9AXKP04278')).toBe('must be 17 characters');
  });
});
