import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, ValidateBy } from 'class-validator';
import { problemValidator } from './problem-validator';

const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A time RFC 3339 can write (four-digit years) and PostgreSQL can store: JavaScript dates reach
 * 271,821 BC, where the database fails. Invalid dates are left to @IsDate.
 */
const IsStorableTime = problemValidator('isStorableTime', (value) => {
  const time = value instanceof Date ? value.getTime() : NaN;
  return Number.isNaN(time) || (time >= EARLIEST && time <= LATEST) ? null : 'must be between the years 0001 and 9999';
});

/** An RFC 3339 time, read as a Date, that the database can store. */
export const IsStorableDate = (): PropertyDecorator =>
  applyDecorators(
    Type(() => Date),
    IsDate(),
    IsStorableTime(),
  );

/** A query over a half-open time range `[from, to)`; routes extend it with their own filters. */
export class TimeRangeQueryDto {
  /** Start of the range (RFC 3339), inclusive. */
  @IsStorableDate()
  from!: Date;

  /** End of the range (RFC 3339), exclusive; after `from`. */
  @IsStorableDate()
  @ValidateBy({
    name: 'isAfterFrom',
    validator: {
      validate: (to: unknown, args) => {
        const { from } = args?.object as { from?: unknown };
        return !(to instanceof Date && from instanceof Date) || to > from;
      },
      defaultMessage: () => 'to must be after from',
    },
  })
  to!: Date;
}
