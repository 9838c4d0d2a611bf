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
import { Enterprise } from '@app/identity';

export enum VehicleCategory {
  PassengerCar = 'PASSENGER_CAR',
  Bus = 'BUS',
  Freight = 'FREIGHT',
  SpecialOperation = 'SPECIAL_OPERATION',
  SmallUnmanned = 'SMALL_UNMANNED_VEHICLE',
}

export enum AutomationLevel {
  L3 = 'L3',
  L4 = 'L4',
  L5 = 'L5',
}

/** A vehicle an enterprise declares. Its configuration lives in versioned rows, never overwritten. */
@Entity({ name: 'vehicles' })
@Index('UQ_vehicles_vin', ['vin'], { unique: true })
export class Vehicle {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_vehicles_enterprise')
  @Column('uuid')
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_vehicles_enterprise' })
  enterprise?: Relation<Enterprise>;

  @Index('IDX_vehicles_jurisdiction')
  @Column('text')
  jurisdictionCode!: string;

  /** Vehicle identification number (ISO 3779), 17 characters with its check digit. */
  @Column('char', { length: 17 })
  vin!: string;

  /** Temporary plate (临时行驶车号牌), when issued. */
  @Column('text', { nullable: true })
  plate!: string | null;

  /** Small-vehicle code (车身编码) such as MT0001, for vehicles without a plate. */
  @Column('text', { nullable: true })
  vehicleCode!: string | null;

  @Column('text')
  category!: VehicleCategory;

  @Column('text')
  automationLevel!: AutomationLevel;

  @Column('smallint')
  seats!: number;

  /** Version number of the configuration in force. */
  @Column('integer')
  configurationVersion!: number;

  /** Fingerprint of the configuration in force, to compare "identical configuration". */
  @Column('char', { length: 64 })
  configurationFingerprint!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
