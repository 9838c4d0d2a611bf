import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Enterprise, Jurisdiction } from '@app/identity';
import { Permit } from '@app/permits';
import { type ReportContent, type ReportKind } from '../report-content';

/**
 * A generated report. One row per kind, subject and period: regenerating replaces the content in
 * place and counts up `generation`, so a report keeps its id however often it is regenerated.
 */
@Entity({ name: 'reports' })
@Index('UQ_reports_subject_period', ['kind', 'subject', 'periodStart'], { unique: true })
@Index('IDX_reports_jurisdiction_period', ['jurisdictionCode', 'periodStart'])
@Index('IDX_reports_enterprise_period', ['enterpriseId', 'periodStart'])
@Check(
  'CHK_reports_subject',
  `("kind" = 'PERMIT_MONTHLY' AND "permit_id" IS NOT NULL AND "enterprise_id" IS NOT NULL AND "subject" = "permit_id"::text)
    OR ("kind" = 'ENTERPRISE_MONTHLY' AND "permit_id" IS NULL AND "enterprise_id" IS NOT NULL AND "subject" = "enterprise_id"::text)
    OR ("kind" = 'NOTICE_FILING_SEMIANNUAL' AND "permit_id" IS NULL AND "enterprise_id" IS NULL AND "subject" = "jurisdiction_code")`,
)
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  kind!: ReportKind;

  /** What the report is about: the permit id, the enterprise id or the jurisdiction code, by kind. */
  @Column('text')
  subject!: string;

  @Column('text')
  jurisdictionCode!: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code', foreignKeyConstraintName: 'FK_reports_jurisdiction' })
  jurisdiction?: Relation<Jurisdiction>;

  /** The enterprise a monthly report belongs to (it may read it); null for the jurisdiction's filing. */
  @Column('uuid', { nullable: true })
  enterpriseId!: string | null;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_reports_enterprise' })
  enterprise?: Relation<Enterprise>;

  @Column('uuid', { nullable: true })
  permitId!: string | null;

  @ManyToOne(() => Permit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'permit_id', foreignKeyConstraintName: 'FK_reports_permit' })
  permit?: Relation<Permit>;

  /** First and last local day of the period, inclusive. */
  @Column('date')
  periodStart!: string;

  @Column('date')
  periodEnd!: string;

  @Column('jsonb')
  content!: ReportContent;

  /** SHA-256 of the canonical content; generatedAt and generation are outside it. */
  @Column('char', { length: 64 })
  contentSha256!: string;

  @Column('timestamptz')
  generatedAt!: Date;

  @Column('integer', { default: 1 })
  generation!: number;
}
