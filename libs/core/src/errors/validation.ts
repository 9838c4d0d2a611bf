import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, ValidationFailedException } from './domain.exception';

/** Flattens class-validator errors into `field: reason` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The global pipe: strip nothing silently, reject unknown fields, convert types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}
