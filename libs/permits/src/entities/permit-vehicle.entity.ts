import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, Column } from 'typeorm';
import { Vehicle } from '@app/fleet';
import { Permit } from './permit.entity';

/** A vehicle covered by a permit; vehicles added later (identical configuration) keep their application. */
@Entity({ name: 'permit_vehicles' })
@Index('IDX_permit_vehicles_vehicle', ['vehicleId'])
export class PermitVehicle {
  @PrimaryColumn('uuid')
  permitId!: string;

  @ManyToOne(() => Permit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'permit_id', foreignKeyConstraintName: 'FK_permit_vehicles_permit' })
  permit?: Relation<Permit>;

  @PrimaryColumn('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_permit_vehicles_vehicle' })
  vehicle?: Relation<Vehicle>;

  /** The application that put the vehicle on the permit. */
  @Column('uuid')
  applicationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}
