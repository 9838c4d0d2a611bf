import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Vehicle, Zone } from '@app/fleet';
import { ModeTotalsColumns } from './mode-totals.columns';

/** Per vehicle, zone and local day: mileage (mm) and driving time (ms) by mode inside the zone. */
@Entity({ name: 'vehicle_zone_daily_stats' })
@Index('IDX_vehicle_zone_daily_stats_zone', ['zoneId', 'day'])
export class VehicleZoneDailyStats {
  @PrimaryColumn('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'vehicle_id',
    foreignKeyConstraintName: 'FK_vehicle_zone_daily_stats_vehicle',
  })
  vehicle?: Relation<Vehicle>;

  @PrimaryColumn('uuid')
  zoneId!: string;

  @ManyToOne(() => Zone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'FK_vehicle_zone_daily_stats_zone' })
  zone?: Relation<Zone>;

  @PrimaryColumn('date')
  day!: string;

  /** Columns autonomous_mm … remote_ms, not prefixed. */
  @Column(() => ModeTotalsColumns, { prefix: false })
  totals!: ModeTotalsColumns;
}
