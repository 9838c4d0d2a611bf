import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A class-validator decorator from a function that explains what is wrong with a value (or
 * returns null): the explanation becomes the error's reason, prefixed with the property name
 * unless it already names a path of its own.
 */
export function problemValidator(
  name: string,
  problemOf: (value: unknown) => string | null,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => problemOf(value) === null,
        defaultMessage: (args) => {
          const problem = problemOf(args?.value) ?? 'is invalid';
          return problem.startsWith(`${args?.property}`) ? problem : `${args?.property} ${problem}`;
        },
      },
    });
}

/** Trims strings; other values pass unchanged for the validators to reject. */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export const lowerTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
export const upperTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
