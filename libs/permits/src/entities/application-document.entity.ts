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
import { type DocumentType } from '@app/rules';
import { Application } from './application.entity';

/** A document filed with an application: metadata, a content hash, and where its bytes are kept. */
@Entity({ name: 'application_documents' })
export class ApplicationDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_application_documents_application')
  @Column('uuid')
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'FK_application_documents_application' })
  application?: Relation<Application>;

  @Column('text')
  type!: DocumentType;

  @Column('text')
  fileName!: string;

  @Column('text')
  mediaType!: string;

  @Column('integer')
  sizeBytes!: number;

  /** SHA-256 of the content, hex: proves later which bytes were filed. */
  @Column('char', { length: 64 })
  sha256!: string;

  /** Key in the document store. */
  @Column('text')
  storageKey!: string;

  /** Amount in CNY for insurance and guarantee letters. */
  @Column('numeric', {
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  amountCny!: number | null;

  /** When the document covers one vehicle of the application only. */
  @Column('uuid', { nullable: true })
  vehicleId!: string | null;

  @Column('date', { nullable: true })
  validUntil!: string | null;

  @Column('uuid')
  uploadedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;
}
