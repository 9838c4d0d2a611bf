import { type Feature, type Geometry } from 'geojson';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  retryAfterS: number | null;
}

/** The platform's public API as the simulator uses it; network failures answer status 0. */
export class Platform {
  private sessionToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    const answer = await this.call<{ accessToken: string }>('POST', '/v1/auth/login', { body: { email, password } });
    if (answer.status !== 200) throw new Error(`cannot sign in as ${email}: HTTP ${answer.status}`);
    this.sessionToken = answer.body.accessToken;
  }

  /** A GET as the signed-in person; anything but 200 is an error. */
  async read<T>(path: string): Promise<T> {
    const answer = await this.call<T>('GET', path, { token: this.sessionToken });
    if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string | null; body?: unknown } = {},
  ): Promise<Answer<T>> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const retryAfter = response.headers.get('retry-after');
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : null) as T,
        retryAfterS: retryAfter === null ? null : Number(retryAfter),
      };
    } catch {
      return { status: 0, body: null as T, retryAfterS: null };
    }
  }
}

export interface ZoneView {
  id: string;
  code: string;
  kind: 'AREA' | 'ROUTE' | 'CLOSED_FIELD';
  jurisdictionCode: string;
  geometry: Geometry;
}

export interface PermitView {
  id: string;
  status: string;
  zoneIds: string[];
  vehicles?: { vehicleId: string }[];
}

export interface PositionView {
  position: { seq: number; ts: string; lat: number; lon: number; odometerKm: number | null; mode: string } | null;
  persistedThroughSeq: number;
}

export interface VehicleStatsView {
  total: { km: { autonomous: number; manual: number; remote: number }; points: number };
}

export const asFeature = <G extends Geometry>(geometry: G): Feature<G> => ({
  type: 'Feature',
  properties: {},
  geometry,
});
