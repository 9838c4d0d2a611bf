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
import { Permit } from '@app/permits';

const decimal = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One trip or order run under a commercial pilot permit, as the enterprise reports it. */
@Entity({ name: 'commercial_trips' })
@Index('UQ_commercial_trips_ref', ['enterpriseId', 'externalRef'], { unique: true })
@Index('IDX_commercial_trips_permit_time', ['permitId', 'startedAt'])
export class CommercialTrip {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  permitId!: string;

  @ManyToOne(() => Permit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'permit_id', foreignKeyConstraintName: 'FK_commercial_trips_permit' })
  permit?: Relation<Permit>;

  @Column('uuid')
  enterpriseId!: string;

  @Column('text')
  jurisdictionCode!: string;

  @Column('uuid')
  vehicleId!: string;

  /** The enterprise's own order or trip id: reporting the same one again changes nothing. */
  @Column('text')
  externalRef!: string;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('timestamptz')
  endedAt!: Date;

  @Column('integer', { default: 0 })
  passengers!: number;

  @Column('numeric', { precision: 12, scale: 3, default: 0, transformer: decimal })
  cargoTonnes!: number;

  @Column('numeric', { precision: 14, scale: 2, default: 0, transformer: decimal })
  fareCny!: number;

  @Column('numeric', { precision: 10, scale: 3, nullable: true, transformer: decimal })
  distanceKm!: number | null;

  @Column('uuid')
  reportedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reportedAt!: Date;
}
