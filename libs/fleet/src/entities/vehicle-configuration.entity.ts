import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Vehicle } from './vehicle.entity';

/**
 * One version of a vehicle's configuration. A change is declared as a new version (SEED-BJ-INSPECT:
 * undeclared major modifications are violations), so history is never lost.
 */
@Entity({ name: 'vehicle_configurations' })
@Index('UQ_vehicle_configurations_version', ['vehicleId', 'version'], { unique: true })
export class VehicleConfiguration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_vehicle_configurations_vehicle' })
  vehicle?: Relation<Vehicle>;

  @Column('integer')
  version!: number;

  @Column('text')
  make!: string;

  @Column('text')
  model!: string;

  @Column('text')
  adsSoftwareVersion!: string;

  /** Sensors as declared, e.g. ["lidar-128 x1", "camera-8mp x11"]; the fingerprint ignores their order. */
  @Column('jsonb')
  sensorSuite!: string[];

  /** SHA-256 of the canonical configuration; equal fingerprints mean identical configuration. */
  @Index('IDX_vehicle_configurations_fingerprint')
  @Column('char', { length: 64 })
  fingerprint!: string;

  @Column('uuid', { nullable: true })
  declaredBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  declaredAt!: Date;
}
