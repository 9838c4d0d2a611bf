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

/** A vehicle's telemetry credential. The token is shown once; only its SHA-256 is kept. */
@Entity({ name: 'vehicle_credentials' })
export class VehicleCredential {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_vehicle_credentials_vehicle')
  @Column('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_vehicle_credentials_vehicle' })
  vehicle?: Relation<Vehicle>;

  @Index('UQ_vehicle_credentials_token_hash', { unique: true })
  @Column('char', { length: 64 })
  tokenHash!: string;

  /** First characters of the token, so people can tell credentials apart. */
  @Column('text')
  tokenPrefix!: string;

  @Column('uuid', { nullable: true })
  issuedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
