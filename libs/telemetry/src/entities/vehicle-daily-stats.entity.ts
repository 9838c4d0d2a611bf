import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Vehicle } from '@app/fleet';
import { bigintNumber } from './bigint.transformer';
import { ModeTotalsColumns } from './mode-totals.columns';

/**
 * Per vehicle and local calendar day: mileage (mm) and driving time (ms) by mode, points stored and
 * data-quality counts. Updated in the same transaction as the points they come from.
 */
@Entity({ name: 'vehicle_daily_stats' })
export class VehicleDailyStats {
  @PrimaryColumn('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_vehicle_daily_stats_vehicle' })
  vehicle?: Relation<Vehicle>;

  @PrimaryColumn('date')
  day!: string;

  /** Columns autonomous_mm … remote_ms, not prefixed. */
  @Column(() => ModeTotalsColumns, { prefix: false })
  totals!: ModeTotalsColumns;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  points!: number;

  @Column('integer', { default: 0 })
  positionJumps!: number;

  @Column('integer', { default: 0 })
  qualityEvents!: number;
}
