import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Environment, InjectEnvironment, RedisEvents } from '@app/core';
import { ZONES_CHANGED_CHANNEL } from '@app/fleet';
import { type PermitKind, NATIONAL_SETTINGS, packFor, packSetting, YIZHUANG_SETTINGS } from '@app/rules';
import { PERMITS_CHANGED_CHANNEL } from '@app/permits';
import {
  type CheckedPoint,
  type ComplianceBatch,
  type ComplianceFinding,
  localClock,
  Mode,
  TelemetryCompliance,
} from '@app/telemetry';

/**
 * How often the cached permits are checked against the database (one small query): a change whose
 * announcement was lost (Redis down, a worker subscribing late) is seen within this.
 */
const CHECK_MS = 2_000;
/** Changes the cached permits and closed fields depend on: last change, counts of rows. */
const VERSION = `SELECT (SELECT coalesce(max(updated_at)::text, '') || ':' || count(*) FROM permits)
  || '|' || (SELECT count(*) FROM permit_vehicles)
  || '|' || (SELECT coalesce(max(updated_at)::text, '') || ':' || count(*) FROM zones) AS version`;

interface PermitProfile {
  id: string;
  kind: PermitKind;
  validFrom: string;
  validTo: string;
  zoneIds: Set<string>;
  timeWindows: MinuteWindow[];
  driverlessStage: string | null;
}

/** A daily window in minutes of the local day, parsed once from "HH:MM" when permits load. */
interface MinuteWindow {
  from: number;
  to: number;
}
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const inMinutes = (windows: { from: string; to: string }[]): MinuteWindow[] =>
  windows.map((w) => ({ from: minutesOf(w.from), to: minutesOf(w.to) }));
const within = (minutes: number, windows: MinuteWindow[]): boolean =>
  windows.some((w) => minutes >= w.from && minutes < w.to);

interface Violation {
  type: string;
  severity: ComplianceFinding['severity'];
  ruleId: string;
  permitId: string | null;
  message: { zh: string; en: string };
}

/**
 * Checks each newly stored point against the vehicle's active permits and its jurisdiction's rule
 * pack: a permit valid that day, inside one of its zones, inside its hours (and, for Beijing
 * driverless pilots, outside the peaks), small vehicles under their speed limit, remote driving only
 * at the remote-only stage. Active permits are cached, reloaded when the permit office announces a
 * change, and checked against the database every 2 s in case an announcement was lost. Points
 * inside a closed test field are not checked: the road-test rules govern public roads.
 */
@Injectable()
export class PermitCompliance extends TelemetryCompliance {
  private byVehicle = new Map<string, PermitProfile[]>();
  /** Closed test fields are off public roads: no road-test notice is needed there. */
  private closedFields = new Set<string>();
  private checkedAt = 0;
  private loadedVersion: string | null = null;
  /** Permit changes announced so far: a load that overlapped one is not fresh. */
  private changes = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @InjectEnvironment() private readonly env: Environment,
    events: RedisEvents,
  ) {
    super();
    const stale = (): void => {
      this.changes += 1;
      this.checkedAt = 0;
      this.loadedVersion = null;
    };
    void events.subscribe(PERMITS_CHANGED_CHANNEL, stale);
    void events.subscribe(ZONES_CHANGED_CHANNEL, stale);
  }

  async findings(batch: ComplianceBatch): Promise<ComplianceFinding[]> {
    const pack = packFor(batch.jurisdictionCode);
    const maxSmallSpeed = packSetting(pack, NATIONAL_SETTINGS.smallVehicleMaxSpeedKmh).value;
    const peaks =
      batch.jurisdictionCode === 'CN-BJ-YIZHUANG'
        ? packSetting(pack, YIZHUANG_SETTINGS.driverlessPeakWindows).value
        : null;
    const clock = localClock(peaks?.timeZone ?? 'Asia/Shanghai');
    const peakWindows = peaks ? inMinutes(peaks.windows) : null;
    const lateBefore = batch.receivedAt - this.env.TELEMETRY_LATE_AFTER_SECONDS * 1000;
    const violationsOf = (permits: PermitProfile[]): [Violation, CheckedPoint][] =>
      batch.points.flatMap((point) => {
        if (point.zones.some((zone) => this.closedFields.has(zone))) return [];
        const violation = this.check(point, permits, clock(point.ts), maxSmallSpeed, peakWindows);
        return violation ? [[violation, point] as [Violation, CheckedPoint]] : [];
      });
    let violations = violationsOf(await this.permitsOf(batch.vehicleId));
    if (violations.length > 0 && this.checkedAt < batch.receivedAt) {
      // Permits read before the points arrived may miss one issued since: judge on newer ones.
      // (Capped at this process's clock, so a clock behind the API's cannot keep it reloading.)
      violations = violationsOf(await this.permitsOf(batch.vehicleId, Math.min(batch.receivedAt, Date.now())));
    }
    const found = new Map<string, ComplianceFinding>();
    const add = (v: Violation, point: CheckedPoint): void => {
      const late = point.ts < lateBefore;
      const existing = found.get(v.type);
      if (existing) {
        existing.firstSeen = Math.min(existing.firstSeen, point.ts);
        existing.lastSeen = Math.max(existing.lastSeen, point.ts);
        existing.points += 1;
        existing.late ||= late;
      } else {
        found.set(v.type, { ...v, firstSeen: point.ts, lastSeen: point.ts, points: 1, late });
      }
    };
    for (const [violation, point] of violations) add(violation, point);
    if (batch.positionJumps > 0 && batch.points.length > 0) {
      const last = batch.points[batch.points.length - 1];
      found.set('POSITION_JUMP', {
        type: 'POSITION_JUMP',
        severity: 'MEDIUM',
        ruleId: 'TELEMETRY-V1',
        permitId: null,
        message: {
          zh: '位置跳变：相邻两点隐含速度超过 300 km/h（数据质量）',
          en: 'Position jump: implied speed between consecutive points over 300 km/h (data quality)',
        },
        firstSeen: last.ts,
        lastSeen: last.ts,
        points: batch.positionJumps,
        late: last.ts < lateBefore,
      });
    }
    return [...found.values()];
  }

  private check(
    point: CheckedPoint,
    permits: PermitProfile[],
    local: { day: string; minutes: number },
    maxSmallSpeed: number,
    peakWindows: MinuteWindow[] | null,
  ): Violation | null {
    const valid = permits.filter((p) => p.validFrom <= local.day && local.day <= p.validTo);
    if (valid.length === 0) {
      return {
        type: 'NO_ACTIVE_PERMIT',
        severity: 'HIGH',
        ruleId: 'CN-NAT-PLATE',
        permitId: null,
        message: { zh: '车辆在没有有效通知书的情况下运行', en: 'Vehicle operating without an active permit' },
      };
    }
    const inZone = valid.filter((p) => point.zones.some((z) => p.zoneIds.has(z)));
    if (inZone.length === 0) {
      return {
        type: 'OUTSIDE_ZONE',
        severity: 'HIGH',
        ruleId: 'CN-NAT-PLATE',
        permitId: valid[0].id,
        message: { zh: '车辆驶出通知书许可的区域或路线', en: 'Vehicle outside every zone or route its permits allow' },
      };
    }
    const inPeak = (p: PermitProfile): boolean =>
      p.kind === 'DRIVERLESS_PILOT' && peakWindows !== null && within(local.minutes, peakWindows);
    const inHours = inZone.filter(
      (p) => (p.timeWindows.length === 0 || within(local.minutes, p.timeWindows)) && !inPeak(p),
    );
    if (inHours.length === 0) {
      const peak = inZone.some(inPeak);
      return {
        type: 'OUTSIDE_HOURS',
        severity: 'HIGH',
        ruleId: peak ? 'SEED-BJ-DL' : 'CN-NAT-PLATE',
        permitId: inZone[0].id,
        message: peak
          ? { zh: '无人化测试在早晚高峰时段运行', en: 'Driverless operation during the morning or evening peak' }
          : { zh: '车辆在通知书许可时段之外运行', en: 'Vehicle operating outside its permitted hours' },
      };
    }
    if (inHours.every((p) => p.kind === 'SMALL_UNMANNED_VEHICLE') && point.speedKmh > maxSmallSpeed) {
      return {
        type: 'OVERSPEED',
        severity: 'MEDIUM',
        ruleId: 'REF-SMALL-SIZE',
        permitId: inHours[0].id,
        message: {
          zh: `无人小车超速：${point.speedKmh} km/h，上限 ${maxSmallSpeed} km/h`,
          en: `Small unmanned vehicle at ${point.speedKmh} km/h, limit ${maxSmallSpeed} km/h`,
        },
      };
    }
    if (
      point.mode === Mode.REMOTE &&
      !inHours.some((p) => p.kind === 'DRIVERLESS_PILOT' && p.driverlessStage === 'REMOTE_ONLY')
    ) {
      return {
        type: 'STAGE_EXCEEDED',
        severity: 'HIGH',
        ruleId: 'BJ-DL-STAGES',
        permitId: inHours[0].id,
        message: { zh: '远程驾驶超出许可的无人化阶段', en: 'Remote driving beyond the permitted driverless stage' },
      };
    }
    return null;
  }

  /** The vehicle's active permits, as checked within CHECK_MS, or checked since `asOf` if given. */
  private async permitsOf(vehicleId: string, asOf = 0): Promise<PermitProfile[]> {
    // A loop, not an if: a load already under way when a change was announced comes back stale.
    while (Date.now() - this.checkedAt > CHECK_MS || this.checkedAt < asOf) {
      this.loading ??= this.refresh().finally(() => (this.loading = null));
      await this.loading;
    }
    return this.byVehicle.get(vehicleId) ?? [];
  }

  /** Reloads when the version moved or a change was announced; otherwise only notes the check. */
  private async refresh(): Promise<void> {
    const startedAt = Date.now();
    const changesBefore = this.changes;
    const [{ version }] = await this.dataSource.query<{ version: string }[]>(VERSION);
    if (version !== this.loadedVersion) await this.load();
    // A change announced meanwhile may be missing from what was read: stay stale, check again.
    if (this.changes !== changesBefore) return;
    this.loadedVersion = version;
    this.checkedAt = startedAt;
  }

  private async load(): Promise<void> {
    const [rows, closedFields] = await Promise.all([
      this.dataSource.query<
        {
          id: string;
          kind: PermitKind;
          valid_from: string;
          valid_to: string;
          zone_ids: string[];
          time_windows: { from: string; to: string }[];
          driverless_stage: string | null;
          vehicle_ids: string[];
        }[]
      >(
        `SELECT p.id, p.kind, to_char(p.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(p.valid_to, 'YYYY-MM-DD') AS valid_to, p.zone_ids, p.time_windows,
         p.driverless_stage, array_agg(pv.vehicle_id) AS vehicle_ids
       FROM permits p JOIN permit_vehicles pv ON pv.permit_id = p.id WHERE p.status = 'ACTIVE' GROUP BY p.id`,
      ),
      this.dataSource.query<{ id: string }[]>(`SELECT id FROM zones WHERE kind = 'CLOSED_FIELD'`),
    ]);
    const byVehicle = new Map<string, PermitProfile[]>();
    for (const row of rows) {
      const profile: PermitProfile = {
        id: row.id,
        kind: row.kind,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        zoneIds: new Set(row.zone_ids),
        timeWindows: inMinutes(row.time_windows),
        driverlessStage: row.driverless_stage,
      };
      for (const vehicleId of row.vehicle_ids) byVehicle.set(vehicleId, [...(byVehicle.get(vehicleId) ?? []), profile]);
    }
    this.byVehicle = byVehicle;
    this.closedFields = new Set(closedFields.map((z) => z.id));
  }
}
