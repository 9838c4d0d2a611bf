import { ConflictException } from '@app/core';
import { APPLICATION_TRANSITIONS, type ApplicationCommand, transition } from './application-lifecycle';
import { ApplicationStatus } from './entities/application.entity';

describe('application life cycle', () => {
  it('follows DESIGN.md: draft → submitted → under review → changes requested → submitted → approved', () => {
    let state = ApplicationStatus.Draft;
    for (const command of [
      'submit',
      'startReview',
      'requestChanges',
      'submit',
      'startReview',
      'approve',
    ] as ApplicationCommand[]) {
      state = transition(state, command);
    }
    expect(state).toBe(ApplicationStatus.Approved);
  });

  it('refuses every command outside its states with a 409 naming the current state', () => {
    for (const [command, rule] of Object.entries(APPLICATION_TRANSITIONS) as [
      ApplicationCommand,
      { from: readonly ApplicationStatus[] },
    ][]) {
      for (const state of Object.values(ApplicationStatus)) {
        if (rule.from.includes(state)) {
          expect(() => transition(state, command)).not.toThrow();
        } else {
          try {
            transition(state, command);
            throw new Error(`${command} from ${state} should be refused`);
          } catch (error) {
            expect(error).toBeInstanceOf(ConflictException);
            expect((error as ConflictException).extensions).toEqual({ currentState: state });
          }
        }
      }
    }
  });

  it('allows withdrawal only before a decision', () => {
    expect(transition(ApplicationStatus.UnderReview, 'withdraw')).toBe(ApplicationStatus.Withdrawn);
    expect(() => transition(ApplicationStatus.Approved, 'withdraw')).toThrow(ConflictException);
    expect(() => transition(ApplicationStatus.Rejected, 'withdraw')).toThrow(ConflictException);
  });
});
