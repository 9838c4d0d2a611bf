import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { evaluate, type Evaluation, packFor } from '@app/rules';
import { EligibilityFactsBuilder } from './eligibility-facts.builder';
import { ApplicationEvaluation } from './entities/application-evaluation.entity';
import { type Application } from './entities/application.entity';

/** Evaluates an application against its jurisdiction's rule pack and keeps every result. */
@Injectable()
export class EligibilityService {
  constructor(private readonly facts: EligibilityFactsBuilder) {}

  async evaluate(
    manager: EntityManager,
    application: Application,
    trigger: 'SUBMIT' | 'ON_DEMAND' | 'DECISION',
  ): Promise<Evaluation> {
    const facts = await this.facts.build(manager, application);
    const evaluation = evaluate(packFor(application.jurisdictionCode), facts);
    application.evaluation = evaluation;
    await manager.insert(ApplicationEvaluation, {
      applicationId: application.id,
      packVersion: evaluation.packVersion,
      eligible: evaluation.eligible,
      evaluatedAt: new Date(evaluation.evaluatedAt),
      trigger,
      result: evaluation as never,
    });
    return evaluation;
  }
}
