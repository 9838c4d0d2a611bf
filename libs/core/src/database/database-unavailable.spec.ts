import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  const failed = (driverError: object) => new QueryFailedError('SELECT 1', [], driverError as Error);

  it('recognises a server shutting down, refusing connections or dropping them', () => {
    expect(isDatabaseUnavailable(failed({ code: '57P01', message: 'terminating connection' }))).toBe(true);
    expect(isDatabaseUnavailable(failed({ code: '08006', message: 'connection failure' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves errors of the query itself alone', () => {
    expect(isDatabaseUnavailable(failed({ code: '23505', message: 'duplicate key' }))).toBe(false);
    expect(isDatabaseUnavailable(failed({ code: '22P02', message: 'invalid input syntax' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
