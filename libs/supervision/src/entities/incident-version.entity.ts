import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Incident } from './incident.entity';

/** An earlier version of an incident report, kept when it is amended. */
@Entity({ name: 'incident_versions' })
export class IncidentVersion {
  @PrimaryColumn('uuid')
  incidentId!: string;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_incident_versions_incident' })
  incident?: Relation<Incident>;

  @PrimaryColumn('integer')
  version!: number;

  /** The report as it stood in this version. */
  @Column('jsonb')
  snapshot!: Record<string, unknown>;

  @Column('text', { nullable: true })
  amendmentReason!: string | null;

  @Column('uuid')
  supersededBy!: string;

  @Column('timestamptz')
  supersededAt!: Date;
}
