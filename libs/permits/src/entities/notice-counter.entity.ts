import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last serial issued per notice prefix (e.g. PS-RT-2026), so numbers are gap-free per year. */
@Entity({ name: 'notice_counters' })
export class NoticeCounter {
  @PrimaryColumn('text')
  prefix!: string;

  @Column('integer')
  lastSerial!: number;
}
