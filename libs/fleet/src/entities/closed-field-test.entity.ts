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

/** Evidence of closed-field testing (CN-NAT-CLOSED), required before road testing. */
@Entity({ name: 'closed_field_tests' })
export class ClosedFieldTest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_closed_field_tests_vehicle')
  @Column('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_closed_field_tests_vehicle' })
  vehicle?: Relation<Vehicle>;

  @Column('numeric', {
    precision: 10,
    scale: 1,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  km!: number;

  @Column('text')
  site!: string;

  @Column('date')
  testedOn!: string;

  /** Reference of the test report (document number or file reference). */
  @Column('text')
  reportRef!: string;

  @Column('boolean', { default: true })
  passed!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
