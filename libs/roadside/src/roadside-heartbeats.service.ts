import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type Environment,
  InjectEnvironment,
  PgPool,
  RedisClient,
  sha256Hex,
  TooManyRequestsException,
  UnauthorizedException,
} from '@app/core';
import { AlertsService } from '@app/supervision';
import { STORED_ALERT_RETURNING, type StoredAlert } from '@app/telemetry';
import { type HeartbeatDto } from './dto/roadside-devices.dto';
import { RoadsideDeviceKind, RoadsideDeviceStatus } from './entities/roadside-device.entity';
import { DEVICE_OFFLINE } from './roadside-devices.service';

/** Who a device token speaks for. */
export interface DeviceIdentity {
  deviceId: string;
  jurisdictionCode: string;
}

export interface HeartbeatReceipt {
  deviceId: string;
  status: RoadsideDeviceStatus.Online;
  receivedAt: Date;
  /** Silence longer than this marks the device offline: send heartbeats well within it. */
  offlineAfterSeconds: number;
}

const KIND_NAMES_ZH: Record<RoadsideDeviceKind, string> = {
  [RoadsideDeviceKind.Rsu]: '路侧单元',
  [RoadsideDeviceKind.Camera]: '摄像机',
  [RoadsideDeviceKind.Radar]: '毫米波雷达',
  [RoadsideDeviceKind.Lidar]: '激光雷达',
  [RoadsideDeviceKind.WeatherStation]: '气象站',
};

const invalidToken = (): UnauthorizedException =>
  new UnauthorizedException('invalid-device-token', 'Device token is unknown, rotated, or its device decommissioned');

/**
 * The device side: token authentication, heartbeats, and the scan that marks silent devices
 * offline with a DEVICE_OFFLINE alert (SEED-PS-PLATFORM: the platform supervises roadside devices).
 */
@Injectable()
export class RoadsideHeartbeatsService {
  private readonly logger = new Logger(RoadsideHeartbeatsService.name);

  constructor(
    private readonly pg: PgPool,
    private readonly redis: RedisClient,
    private readonly alerts: AlertsService,
    private readonly dataSource: DataSource,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  /**
   * Resolves a device token. Not cached (unlike vehicle tokens): heartbeats come every few
   * seconds at most, and without a cache rotation and decommissioning take effect at once.
   */
  async authenticate(token: string): Promise<DeviceIdentity> {
    const [row] = await this.pg.query<{ id: string; jurisdiction_code: string }>(
      'roadside-device-authenticate',
      `SELECT id, jurisdiction_code FROM roadside_devices WHERE token_hash = $1 AND status <> 'DECOMMISSIONED'`,
      [sha256Hex(token)],
    );
    if (!row) throw invalidToken();
    return { deviceId: row.id, jurisdictionCode: row.jurisdiction_code };
  }

  /**
   * Records a heartbeat at server time and marks the device online. An open DEVICE_OFFLINE alert
   * is then resolved by the system (no person, so no audit entry). The two statements are separate
   * on purpose: the second sees an alert the offline scan committed while the first waited for
   * the device's row.
   */
  async heartbeat(device: DeviceIdentity, dto: HeartbeatDto): Promise<HeartbeatReceipt> {
    await this.admit(device.deviceId);
    // Firmware is sticky (devices may report it only at boot); uptime only means something at
    // the moment it was reported, so an omitted one is cleared.
    const [row] = await this.pg.query<{ last_heartbeat_at: Date }>(
      'roadside-device-heartbeat',
      `UPDATE roadside_devices SET status = 'ONLINE', last_heartbeat_at = now(),
         firmware_version = COALESCE($2, firmware_version), uptime_seconds = $3
       WHERE id = $1 AND status <> 'DECOMMISSIONED' RETURNING last_heartbeat_at`,
      [device.deviceId, dto.firmwareVersion ?? null, dto.uptimeSeconds ?? null],
    );
    // Decommissioned between authentication and now.
    if (!row) throw invalidToken();
    await this.alerts.resolveAbout(
      this.dataSource.manager,
      { deviceId: device.deviceId },
      DEVICE_OFFLINE,
      null,
      'heartbeat resumed',
    );
    return {
      deviceId: device.deviceId,
      status: RoadsideDeviceStatus.Online,
      receivedAt: row.last_heartbeat_at,
      offlineAfterSeconds: this.env.ROADSIDE_OFFLINE_SECONDS,
    };
  }

  /**
   * Marks devices silent for longer than ROADSIDE_OFFLINE_SECONDS offline and opens one
   * DEVICE_OFFLINE alert each, in one statement; run by the worker every 30 s. Devices never
   * seen are left alone: they may not be installed yet.
   */
  async openOfflineAlerts(): Promise<number> {
    const opened = await this.pg.query<StoredAlert>(
      'roadside-devices-offline',
      `WITH stale AS (
         UPDATE roadside_devices SET status = 'OFFLINE'
         WHERE status = 'ONLINE' AND last_heartbeat_at < now() - make_interval(secs => $1::int)
         RETURNING id, jurisdiction_code, kind, serial, last_heartbeat_at
       )
       INSERT INTO alerts AS a (device_id, jurisdiction_code, type, severity, rule_id, message, first_seen, last_seen, point_count, late)
       SELECT id, jurisdiction_code, '${DEVICE_OFFLINE}', 'MEDIUM', 'SEED-PS-PLATFORM',
         jsonb_build_object(
           'zh', format('路侧设备 %s（%s）离线：超过 %s 秒无心跳', serial, $2::jsonb ->> kind, $1::int),
           'en', format('Roadside device %s (%s) offline: no heartbeat for over %s s', serial, kind, $1::int)),
         last_heartbeat_at, last_heartbeat_at, 0, false
       FROM stale
       ON CONFLICT (device_id, type) WHERE status <> 'RESOLVED' AND device_id IS NOT NULL DO NOTHING
       RETURNING ${STORED_ALERT_RETURNING}`,
      [this.env.ROADSIDE_OFFLINE_SECONDS, JSON.stringify(KIND_NAMES_ZH)],
    );
    if (opened.length > 0) this.logger.log({ devices: opened.length }, 'roadside devices went offline');
    await this.alerts.announce(opened);
    return opened.length;
  }

  /**
   * Heartbeats skip the per-address limit (a district's devices often share one backhaul
   * address) and are limited per device instead. If Redis is unreachable the heartbeat is let
   * through: refusing it would raise false offline alerts.
   */
  private async admit(deviceId: string): Promise<void> {
    const key = `roadside:heartbeat-rate:${deviceId}:${Math.floor(Date.now() / 60_000)}`;
    let requests: number;
    try {
      const replies = await this.redis.multi().incr(key).expire(key, 120).exec();
      requests = Number(replies?.[0]?.[1] ?? 0);
    } catch (error) {
      this.logger.warn({ err: error, deviceId }, 'heartbeat rate not checked');
      return;
    }
    const limit = this.env.ROADSIDE_HEARTBEAT_MAX_PER_MINUTE;
    if (requests > limit) {
      throw new TooManyRequestsException(
        `Device is over ${limit} heartbeats per minute`,
        60 - Math.floor((Date.now() / 1000) % 60),
      );
    }
  }
}
