import { ConflictException } from '@app/core';
import { ApplicationStatus } from './entities/application.entity';

/** Commands on an application and the states each may start from. */
export const APPLICATION_TRANSITIONS = {
  update: { from: [ApplicationStatus.Draft, ApplicationStatus.ChangesRequested], to: null },
  submit: { from: [ApplicationStatus.Draft, ApplicationStatus.ChangesRequested], to: ApplicationStatus.Submitted },
  startReview: { from: [ApplicationStatus.Submitted], to: ApplicationStatus.UnderReview },
  requestChanges: { from: [ApplicationStatus.UnderReview], to: ApplicationStatus.ChangesRequested },
  approve: { from: [ApplicationStatus.UnderReview], to: ApplicationStatus.Approved },
  reject: { from: [ApplicationStatus.Submitted, ApplicationStatus.UnderReview], to: ApplicationStatus.Rejected },
  withdraw: {
    from: [
      ApplicationStatus.Draft,
      ApplicationStatus.Submitted,
      ApplicationStatus.UnderReview,
      ApplicationStatus.ChangesRequested,
    ],
    to: ApplicationStatus.Withdrawn,
  },
} as const;

export type ApplicationCommand = keyof typeof APPLICATION_TRANSITIONS;

/** The state a command leads to, or a 409 naming the current state when it may not run now. */
export function transition(current: ApplicationStatus, command: ApplicationCommand): ApplicationStatus {
  const rule = APPLICATION_TRANSITIONS[command];
  if (!(rule.from as readonly ApplicationStatus[]).includes(current)) {
    throw new ConflictException(
      'illegal-transition',
      `Cannot ${command} an application that is ${current} (allowed from ${rule.from.join(', ')})`,
      {
        currentState: current,
      },
    );
  }
  return rule.to ?? current;
}
