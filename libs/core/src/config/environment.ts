import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Marker for settings whose values must never appear in logs or error messages. */
const SENSITIVE = new Set<string>([
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_ACCESS_SECRET',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'IDENTITY_HASH_SECRET',
  'DEMO_PASSWORD',
  'QUEUE_DASHBOARD_PASSWORD',
]);

/**
 * Every setting the system reads. Apps receive an instance of this class (validated once at
 * boot) and never read process.env themselves. `.env.example` documents each field.
 */
export class Environment {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @IsString()
  @IsOptional()
  HOST = '0.0.0.0';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  /** Base URL printed at start-up and used in links (e.g. http://localhost:3000). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'], require_protocol: true })
  DATABASE_URL!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'], require_protocol: true })
  REDIS_URL!: string;

  /** Prefix of every Redis key (queues, sessions, rate limits), so deployments or test runs can share one Redis. */
  @Matches(/^[a-z0-9][a-z0-9:_-]{0,63}$/i)
  REDIS_KEY_PREFIX = 'av';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Largest accepted request body in bytes (the telemetry contract allows 1 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** How long shutdown waits for in-flight requests and the current jobs. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  SWAGGER_ENABLED = true;

  /** HMAC key of access tokens (JWT, HS256). */
  @IsString()
  @MinLength(32)
  JWT_ACCESS_SECRET!: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** Key of the HMAC that lets identity numbers be compared without storing them. */
  @IsString()
  @MinLength(32)
  IDENTITY_HASH_SECRET!: string;

  /** First platform admin, created at API start if no account has this e-mail yet. */
  @IsOptional()
  @IsEmail()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Password of the demo accounts the seed creates (never in production). */
  @IsOptional()
  @IsString()
  @MinLength(12)
  DEMO_PASSWORD?: string;

  /** Sign-in attempts allowed per IP address, and failures per account, in each window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_ATTEMPTS_PER_IP = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** Requests per minute per client address on ordinary routes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  INVITATION_TTL_HOURS = 72;

  /** Directory where filed documents are stored (content-addressed). */
  @IsString()
  DOCUMENT_STORAGE_DIR = '.run/documents';

  /** Day of June and December on which the semi-annual notice filing is generated (03:00 China time). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  REPORTS_FILING_DAY = 20;

  /** Points older than this many days are rejected (the protocol's resend window). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  TELEMETRY_RESEND_WINDOW_DAYS = 7;

  /** Telemetry jobs waiting in the queue above which the API answers 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TELEMETRY_QUEUE_MAX_WAITING = 2000;

  /** Telemetry requests a vehicle may send per minute before it gets 429 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE = 600;

  /** Points that arrive this long after their timestamp are late (resent): alerts they raise are marked so. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TELEMETRY_LATE_AFTER_SECONDS = 300;

  /** A vehicle with an active permit that stops reporting this long while moving raises a TELEMETRY_GAP alert. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  TELEMETRY_GAP_SECONDS = 120;

  /** Telemetry jobs one worker process runs at once (each holds one database connection). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  TELEMETRY_WORKER_CONCURRENCY = 8;

  /** How long a webhook receiver has to answer one delivery attempt. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Attempts per webhook delivery, the first included, before it is marked failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(25)
  WEBHOOK_MAX_ATTEMPTS = 10;

  /** Wait before the first webhook retry; each later one waits twice as long (about 85 min in all by default). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_BACKOFF_MS = 10_000;

  /** Webhook deliveries one worker process sends at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  WEBHOOK_CONCURRENCY = 16;

  /**
   * Whether webhook URLs may point at loopback, private or link-local addresses. Unset: allowed
   * everywhere but in production, so that a production server cannot be made to call its own network.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_HOSTS?: boolean;

  /** A roadside device silent this many seconds after its last heartbeat is marked offline with a DEVICE_OFFLINE alert. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  ROADSIDE_OFFLINE_SECONDS = 120;

  /** Heartbeats a roadside device may send per minute before it gets 429 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ROADSIDE_HEARTBEAT_MAX_PER_MINUTE = 60;

  /** User of the queue dashboard at /queues on the worker's port (basic authentication). */
  @IsString()
  @Matches(/^[^:\s]{1,64}$/)
  QUEUE_DASHBOARD_USER = 'ops';

  /** Password of the queue dashboard; without one the dashboard is off (404). */
  @IsOptional()
  @IsString()
  @MinLength(12)
  QUEUE_DASHBOARD_PASSWORD?: string;
}

/** Placeholder values from .env.example that must never reach production. */
const PLACEHOLDER = /change-me|example|dev-only/i;
const PRODUCTION_SECRETS = [
  'JWT_ACCESS_SECRET',
  'IDENTITY_HASH_SECRET',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'QUEUE_DASHBOARD_PASSWORD',
] as const;

export class InvalidEnvironmentError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${setting} ${reason}`);
    this.name = 'InvalidEnvironmentError';
  }
}

function describe(error: ValidationError, raw: Record<string, unknown>): InvalidEnvironmentError {
  const reasons = Object.values(error.constraints ?? {});
  const given = raw[error.property];
  const shown =
    given === undefined || given === ''
      ? 'is missing'
      : SENSITIVE.has(error.property)
        ? `is invalid (${reasons.join('; ')})`
        : `is invalid: ${JSON.stringify(given)} (${reasons.join('; ')})`;
  return new InvalidEnvironmentError(error.property, shown);
}

/**
 * Validates raw variables (process.env) into an Environment, or throws an
 * InvalidEnvironmentError whose message is one line naming the first bad setting.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '' && value !== undefined));
  const env = plainToInstance(Environment, known, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) throw describe(errors[0], raw);
  if (env.NODE_ENV === NodeEnv.Production) {
    for (const name of PRODUCTION_SECRETS) {
      const value = env[name];
      if (value !== undefined && PLACEHOLDER.test(value)) {
        throw new InvalidEnvironmentError(name, 'is a placeholder value; production needs a real secret');
      }
    }
    if (env.DEMO_PASSWORD)
      throw new InvalidEnvironmentError('DEMO_PASSWORD', 'must not be set in production (no demo accounts)');
  }
  return env;
}
