import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { type Evaluation } from '@app/rules';
import { Application } from './application.entity';

/**
 * Every eligibility evaluation of an application, with the rule pack version used, so a decision
 * can be explained and re-checked later even after the pack changes.
 */
@Entity({ name: 'application_evaluations' })
@Index('IDX_application_evaluations_application', ['applicationId', 'evaluatedAt'])
export class ApplicationEvaluation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'FK_application_evaluations_application' })
  application?: Relation<Application>;

  @Column('text')
  packVersion!: string;

  @Column('boolean')
  eligible!: boolean;

  @Column('timestamptz')
  evaluatedAt!: Date;

  /** Why it was evaluated: SUBMIT, ON_DEMAND or DECISION. */
  @Column('text')
  trigger!: string;

  @Column('jsonb')
  result!: Evaluation;
}
