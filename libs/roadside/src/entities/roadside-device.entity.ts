import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Zone } from '@app/fleet';

export enum RoadsideDeviceKind {
  /** Roadside unit (路侧单元): the V2X radio. */
  Rsu = 'RSU',
  Camera = 'CAMERA',
  /** Millimetre-wave radar (毫米波雷达). */
  Radar = 'RADAR',
  Lidar = 'LIDAR',
  WeatherStation = 'WEATHER_STATION',
}

export enum RoadsideDeviceStatus {
  /** Registered, no heartbeat yet (not installed or not connected): never raises alerts. */
  NeverSeen = 'NEVER_SEEN',
  Online = 'ONLINE',
  /** Silent for longer than ROADSIDE_OFFLINE_SECONDS after having been online. */
  Offline = 'OFFLINE',
  /** Taken out of service; its token no longer works. Kept for the record. */
  Decommissioned = 'DECOMMISSIONED',
}

export interface GeoJsonPoint {
  type: 'Point';
  /** [longitude, latitude] in WGS-84. */
  coordinates: [number, number];
}

/**
 * A roadside device (路侧设备) in one zone, registered by the zone's regulators. It reports
 * heartbeats with its own token; only the token's SHA-256 is kept, as for vehicle tokens.
 */
@Entity({ name: 'roadside_devices' })
@Index('UQ_roadside_devices_serial', ['jurisdictionCode', 'serial'], { unique: true })
@Index('IDX_roadside_devices_heartbeat', ['status', 'lastHeartbeatAt'])
export class RoadsideDevice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The zone's jurisdiction, kept on the row so that scoping needs no join. */
  @Column('text')
  jurisdictionCode!: string;

  @Index('IDX_roadside_devices_zone')
  @Column('uuid')
  zoneId!: string;

  @ManyToOne(() => Zone, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'FK_roadside_devices_zone' })
  zone?: Relation<Zone>;

  @Column('text')
  kind!: RoadsideDeviceKind;

  /** The manufacturer's serial or the operator's external id; unique within the jurisdiction. */
  @Column('text')
  serial!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  /** Where it is mounted, in WGS-84; inside its zone when given. */
  @Column('geometry', { spatialFeatureType: 'Point', srid: 4326, nullable: true })
  position!: GeoJsonPoint | null;

  @Column('text', { default: RoadsideDeviceStatus.NeverSeen })
  status!: RoadsideDeviceStatus;

  /** Server time of the latest heartbeat. */
  @Column('timestamptz', { nullable: true })
  lastHeartbeatAt!: Date | null;

  /** As the device last reported it. */
  @Column('text', { nullable: true })
  firmwareVersion!: string | null;

  @Column('integer', { nullable: true })
  uptimeSeconds!: number | null;

  @Index('UQ_roadside_devices_token_hash', { unique: true })
  @Column('char', { length: 64 })
  tokenHash!: string;

  /** First characters of the current token, so people can tell tokens apart. */
  @Column('text')
  tokenPrefix!: string;

  @Column('timestamptz')
  tokenIssuedAt!: Date;

  @Column('uuid')
  registeredBy!: string;

  @Column('timestamptz', { nullable: true })
  decommissionedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
