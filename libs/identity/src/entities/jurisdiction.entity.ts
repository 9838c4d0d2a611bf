import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A zone authority with its own rule pack, e.g. CN-SZ-PINGSHAN or CN-BJ-YIZHUANG. */
@Entity({ name: 'jurisdictions' })
export class Jurisdiction {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  nameZh!: string;

  @Column('text')
  nameEn!: string;

  /** IANA time zone used for time windows such as Beijing's peak hours. */
  @Column('text')
  timezone!: string;

  /** Prefix of issued notice numbers, e.g. PS or BJ. */
  @Column('text')
  noticePrefix!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
