import { Column } from 'typeorm';
import { bigintNumber } from './bigint.transformer';

/** Mileage (mm) and driving time (ms) by mode: embedded in every aggregate table. */
export class ModeTotalsColumns {
  @Column('bigint', { default: 0, transformer: bigintNumber })
  autonomousMm!: number;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  manualMm!: number;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  remoteMm!: number;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  autonomousMs!: number;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  manualMs!: number;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  remoteMs!: number;
}
