import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Vehicle } from '@app/fleet';
import { bigintNumber } from './bigint.transformer';

/**
 * A change from AUTONOMOUS to MANUAL or REMOTE between consecutive points: a disengagement
 * candidate the enterprise must classify. Identified by the vehicle and the seq of the first
 * non-autonomous point, so it is recorded once whatever the arrival order.
 */
@Entity({ name: 'takeovers' })
@Index('IDX_takeovers_vehicle_ts', ['vehicleId', 'ts'])
export class Takeover {
  @PrimaryColumn('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_takeovers_vehicle' })
  vehicle?: Relation<Vehicle>;

  @PrimaryColumn('bigint', { transformer: bigintNumber })
  seq!: number;

  @Column('timestamptz')
  ts!: Date;

  /** 1 = AUTONOMOUS; to 0 = MANUAL or 2 = REMOTE. */
  @Column('smallint')
  fromMode!: number;

  @Column('smallint')
  toMode!: number;

  @Column('double precision')
  lat!: number;

  @Column('double precision')
  lon!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  detectedAt!: Date;

  /** Classification by the enterprise: who initiated it, why, where. */
  @Column('text', { nullable: true })
  initiatedBy!: TakeoverInitiator | null;

  @Column('text', { nullable: true })
  cause!: string | null;

  @Column('text', { nullable: true })
  locationType!: TakeoverLocationType | null;

  @Column('uuid', { nullable: true })
  classifiedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  classifiedAt!: Date | null;
}

export const TAKEOVER_INITIATORS = ['SYSTEM', 'SAFETY_OPERATOR', 'REMOTE_OPERATOR'] as const;
export type TakeoverInitiator = (typeof TAKEOVER_INITIATORS)[number];
export const TAKEOVER_LOCATION_TYPES = [
  'INTERSECTION',
  'STRAIGHT_ROAD',
  'CURVE',
  'RAMP',
  'EXPRESSWAY',
  'PARKING',
  'OTHER',
] as const;
export type TakeoverLocationType = (typeof TAKEOVER_LOCATION_TYPES)[number];
