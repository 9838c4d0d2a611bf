import { InvalidEnvironmentError, NodeEnv, validateEnvironment } from './environment';

const valid = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_ACCESS_SECRET: 'a'.repeat(40),
  IDENTITY_HASH_SECRET: 'b'.repeat(40),
};

function failure(raw: Record<string, unknown>): InvalidEnvironmentError {
  try {
    validateEnvironment(raw);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe('validateEnvironment', () => {
  it('applies documented defaults and converts numbers', () => {
    const env = validateEnvironment({ ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.NODE_ENV).toBe(NodeEnv.Development);
    expect(env.BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it('names a missing required setting in one line', () => {
    const error = failure({ REDIS_URL: valid.REDIS_URL });
    expect(error.setting).toBe('DATABASE_URL');
    expect(error.message).toBe('Invalid configuration: DATABASE_URL is missing');
  });

  it('names a malformed setting and shows the bad value when it is not secret', () => {
    const error = failure({ ...valid, PORT: 'eighty' });
    expect(error.setting).toBe('PORT');
    expect(error.message).toContain('"eighty"');
    expect(error.message).not.toContain('\n');
  });

  it('refuses placeholder secrets and demo accounts in production only', () => {
    const placeholder = { ...valid, JWT_ACCESS_SECRET: 'change-me-to-a-long-random-string-of-32+' };
    expect(validateEnvironment(placeholder).JWT_ACCESS_SECRET).toContain('change-me');
    expect(failure({ ...placeholder, NODE_ENV: 'production' }).setting).toBe('JWT_ACCESS_SECRET');
    expect(failure({ ...valid, NODE_ENV: 'production', DEMO_PASSWORD: 'x'.repeat(16) }).setting).toBe('DEMO_PASSWORD');
    const dashboard = { ...valid, QUEUE_DASHBOARD_PASSWORD: 'change-me-queue-dashboard-password' };
    expect(failure({ ...dashboard, NODE_ENV: 'production' }).setting).toBe('QUEUE_DASHBOARD_PASSWORD');
    expect(validateEnvironment({ ...valid, NODE_ENV: 'production' }).NODE_ENV).toBe(NodeEnv.Production);
  });

  it('refuses secrets that are too short', () => {
    expect(failure({ ...valid, JWT_ACCESS_SECRET: 'short' }).setting).toBe('JWT_ACCESS_SECRET');
  });

  it('never echoes the value of a secret setting', () => {
    const error = failure({ ...valid, DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(error.setting).toBe('DATABASE_URL');
    expect(error.message).not.toContain('hunter2');
  });
});
