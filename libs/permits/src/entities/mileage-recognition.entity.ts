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
import { Vehicle } from '@app/fleet';

/**
 * A regulator's record that autonomous mileage and hours a vehicle accrued under another
 * jurisdiction's permit count toward this jurisdiction's prerequisites (SEED-BJ-MUTUAL,
 * SEED-PS-MUTUAL). Evaluations show which facts came from recognition.
 */
@Entity({ name: 'mileage_recognitions' })
@Index('IDX_mileage_recognitions_vehicle', ['vehicleId', 'jurisdictionCode'])
export class MileageRecognition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The recognising jurisdiction. */
  @Column('text')
  jurisdictionCode!: string;

  @Column('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_mileage_recognitions_vehicle' })
  vehicle?: Relation<Vehicle>;

  /** Where the mileage was accrued, e.g. CN-BJ-YIZHUANG, or another city outside this deployment. */
  @Column('text')
  sourceJurisdiction!: string;

  /** The notice number of the permit it was accrued under. */
  @Column('text')
  sourcePermitNumber!: string;

  @Column('numeric', { precision: 12, scale: 3, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  autonomousKm!: number;

  @Column('numeric', { precision: 12, scale: 3, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  autonomousHours!: number;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('uuid')
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
