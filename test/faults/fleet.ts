/**
 * Simulated vehicles that follow TELEMETRY.md to the letter: points at a fixed rate, posted in
 * batches, kept until the platform's watermark covers them, Retry-After honoured on 503/429, and a
 * resend of everything above `GET /v1/telemetry/watermark` after any failure or when the watermark
 * stalls (a 202 whose job was lost with Redis). Everything but the clock is deterministic.
 */

export type ModeName = 'AUTONOMOUS' | 'MANUAL';

export interface SimPoint {
  seq: number;
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number;
  headingDeg: number;
  mode: ModeName;
  /** False for the occasional point with an out-of-range latitude, which the API must reject alone. */
  valid: boolean;
}

/** One HTTP exchange (or queue delivery) as the vehicle saw it. status 0: no answer (network error). */
export interface Exchange {
  vehicleId: string;
  kind: 'post' | 'watermark';
  startedAt: number;
  endedAt: number;
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  points: number;
  accepted: number;
}

export interface Answer {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  body: { accepted?: number; persistedThroughSeq?: number };
}

/** How a vehicle's requests reach the platform: normally HTTP; the duplicate-delivery fault replaces posting. */
export interface Transport {
  post(vehicle: SimVehicle, body: string): Promise<Answer>;
  watermark(vehicle: SimVehicle): Promise<Answer>;
}

const EARTH_M_PER_DEGREE = 111_320;
const SPEED_KMH = 36;
const REQUEST_TIMEOUT_MS = 10_000;

export function httpTransport(apiUrl: string): Transport {
  const call = async (vehicle: SimVehicle, path: string, body?: string): Promise<Answer> => {
    try {
      const res = await fetch(`${apiUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${vehicle.token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        contentType: res.headers.get('content-type'),
        body: res.ok ? (JSON.parse(text) as Answer['body']) : {},
      };
    } catch {
      return { status: 0, retryAfter: null, contentType: null, body: {} };
    }
  };
  return {
    post: (vehicle, body) => call(vehicle, '/v1/telemetry', body),
    watermark: (vehicle) => call(vehicle, '/v1/telemetry/watermark'),
  };
}

export class SimVehicle {
  readonly points: SimPoint[] = [];
  /** Highest seq the platform reported durably stored (or rejected). */
  watermark = 0;
  /** Highest seq posted and answered 202; everything above it still has to be sent. */
  sentThrough = 0;
  /** Points posted, counting resends. */
  pointSends = 0;
  /** Valid points the platform refused (must stay 0: only the deliberately invalid ones may be rejected). */
  validRejected = 0;
  private lat: number;
  private lon: number;
  private t0 = 0;
  private producing = false;
  private inFlight = false;
  private resync = false;
  private nextAttemptAt = 0;
  /** Retry-After: no request before this. */
  private notBefore = 0;
  /** When the watermark last moved, or when points became pending: the stall clock. */
  private progressAt = 0;
  private resyncedAt = 0;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly index: number,
    /** Drives south of the permitted district: every valid point is OUTSIDE_ZONE. */
    readonly violator: boolean,
  ) {
    const angle = (index * 2.399963) % (2 * Math.PI);
    this.lat = (violator ? 22.55 : 22.7) + 0.02 * Math.sin(angle);
    this.lon = 114.37 + 0.03 * Math.cos(angle);
  }

  get lastSeq(): number {
    return this.points.length;
  }

  get done(): boolean {
    return this.watermark >= this.lastSeq;
  }

  startProducing(now: number, firstAttemptAt: number): void {
    this.t0 = now - (now % 1000) + ((this.index * 37) % 1000);
    this.producing = true;
    this.nextAttemptAt = firstAttemptAt;
  }

  /** Stops sampling; what is unsent goes at the next attempt, then the watermark is polled until it covers everything. */
  stopProducing(now: number): void {
    this.producing = false;
    this.nextAttemptAt = now;
  }

  /** Samples every point due by now: ~10 m/s on a gently weaving heading, a takeover every 60 points. */
  produce(now: number, hz: number): void {
    if (!this.producing) return;
    for (;;) {
      const seq = this.points.length + 1;
      const ts = this.t0 + Math.round(((seq - 1) * 1000) / hz);
      if (ts > now) return;
      const heading = (((this.index * 137.5 + 30 * Math.sin(seq / 40)) % 360) + 360) % 360;
      const step = SPEED_KMH / 3.6 / hz;
      this.lat += (step * Math.cos((heading * Math.PI) / 180)) / EARTH_M_PER_DEGREE;
      this.lon +=
        (step * Math.sin((heading * Math.PI) / 180)) / (EARTH_M_PER_DEGREE * Math.cos((this.lat * Math.PI) / 180));
      const valid = (seq + this.index * 11) % 53 !== 0;
      this.points.push({
        seq,
        ts,
        lat: valid ? Number(this.lat.toFixed(7)) : 91,
        lon: Number(this.lon.toFixed(7)),
        speedKmh: SPEED_KMH,
        headingDeg: (Math.round(heading * 10) / 10) % 360,
        mode: (seq + this.index * 7) % 60 < 50 ? 'AUTONOMOUS' : 'MANUAL',
        valid,
      });
    }
  }

  /** One attempt, when due: resync from the watermark if needed, then post what is unsent. */
  async tick(now: number, transport: Transport, options: TickOptions, log: Exchange[]): Promise<void> {
    if (this.inFlight || now < this.nextAttemptAt || now < this.notBefore) return;
    this.inFlight = true;
    this.nextAttemptAt = now + (this.producing ? options.batchMs : options.drainPollMs);
    try {
      const stalled =
        this.sentThrough > this.watermark &&
        now - this.progressAt > options.stallMs &&
        now - this.resyncedAt > options.stallMs;
      if (this.resync || stalled || (this.sentThrough === this.lastSeq && !this.done)) {
        const answer = await this.exchange('watermark', () => transport.watermark(this), 0, log);
        if (answer.status !== 200) return this.backOff(answer);
        this.confirm(answer.body.persistedThroughSeq ?? 0, now);
        if (this.resync || stalled) {
          // Resend everything above the watermark (TELEMETRY.md, after an outage).
          this.sentThrough = this.watermark;
          this.resync = false;
          this.resyncedAt = now;
        }
      }
      const batch = this.points.filter((p) => p.seq > this.sentThrough).slice(0, 1000);
      if (batch.length === 0) return;
      if (this.sentThrough <= this.watermark) this.progressAt = now;
      const body = `{"points":[${batch.map(wire).join(',')}]}`;
      const answer = await this.exchange('post', () => transport.post(this, body), batch.length, log);
      if (answer.status !== 202) return this.backOff(answer);
      this.pointSends += batch.length;
      this.validRejected += batch.filter((p) => p.valid).length - (answer.body.accepted ?? 0);
      this.sentThrough = Math.max(this.sentThrough, batch[batch.length - 1].seq);
      if (answer.body.persistedThroughSeq !== undefined) this.confirm(answer.body.persistedThroughSeq, now);
    } finally {
      this.inFlight = false;
    }
  }

  private confirm(watermark: number, now: number): void {
    if (watermark > this.watermark) {
      this.watermark = watermark;
      this.progressAt = now;
    }
  }

  /** Keeps the points; waits Retry-After (or a second without one), then resyncs from the watermark. */
  private backOff(answer: Answer): void {
    this.resync = true;
    this.notBefore = Date.now() + Number(answer.retryAfter ?? 1) * 1000;
  }

  private async exchange(
    kind: Exchange['kind'],
    send: () => Promise<Answer>,
    points: number,
    log: Exchange[],
  ): Promise<Answer> {
    const startedAt = Date.now();
    const answer = await send();
    log.push({
      vehicleId: this.id,
      kind,
      startedAt,
      endedAt: Date.now(),
      status: answer.status,
      retryAfter: answer.retryAfter,
      contentType: answer.contentType,
      points,
      accepted: answer.body.accepted ?? 0,
    });
    return answer;
  }
}

export interface TickOptions {
  /** Time between two posts of a vehicle (its report period). */
  batchMs: number;
  /** No watermark progress for this long with points pending: resend from the watermark. */
  stallMs: number;
  /** Watermark polling while draining. */
  drainPollMs: number;
}

const wire = (p: SimPoint): string =>
  `{"seq":${p.seq},"ts":${p.ts},"lat":${p.lat},"lon":${p.lon},"speedKmh":${p.speedKmh},"headingDeg":${p.headingDeg},"mode":"${p.mode}"}`;

/** Drives vehicles on one timer: sampling at `hz`, each posting every `batchMs`, staggered. */
export class SimFleet {
  readonly exchanges: Exchange[] = [];
  private readonly vehicles: SimVehicle[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly options: TickOptions;

  constructor(
    private transport: Transport,
    readonly hz: number,
    batchMs: number,
  ) {
    this.options = { batchMs, stallMs: 2 * batchMs + 2000, drainPollMs: 1000 };
  }

  get all(): readonly SimVehicle[] {
    return this.vehicles;
  }

  /** Starts vehicles now; their first posts are spread over one report period. */
  add(vehicles: SimVehicle[]): void {
    const now = Date.now();
    vehicles.forEach((v, i) => v.startProducing(now, now + (i / vehicles.length) * this.options.batchMs));
    this.vehicles.push(...vehicles);
    this.timer ??= setInterval(() => this.step(), 100);
  }

  useTransport(transport: Transport): void {
    this.transport = transport;
  }

  /** Points per second the vehicles produce while producing. */
  get offeredPps(): number {
    return this.vehicles.length * this.hz;
  }

  /** Highest seq produced so far, per vehicle. */
  produced(): Map<string, number> {
    return new Map(this.vehicles.map((v) => [v.id, v.lastSeq]));
  }

  /** Stops sampling, then waits until every vehicle's watermark covers all it produced; resolves with the seconds it took. */
  async drain(timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (const v of this.vehicles) v.stopProducing(started);
    while (!this.vehicles.every((v) => v.done)) {
      if (Date.now() - started > timeoutMs) {
        const behind = this.vehicles.filter((v) => !v.done).length;
        throw new Error(`${behind} vehicle(s) still behind their watermark after ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return (Date.now() - started) / 1000;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private step(): void {
    const now = Date.now();
    for (const v of this.vehicles) {
      v.produce(now, this.hz);
      void v.tick(now, this.transport, this.options, this.exchanges);
    }
  }
}
