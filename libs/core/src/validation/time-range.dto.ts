import { Type } from 'class-transformer';
import { IsDate, ValidateBy } from 'class-validator';

/** A query over a half-open time range `[from, to)`; routes extend it with their own filters. */
export class TimeRangeQueryDto {
  /** Start of the range (RFC 3339), inclusive. */
  @Type(() => Date)
  @IsDate()
  from!: Date;

  /** End of the range (RFC 3339), exclusive; after `from`. */
  @Type(() => Date)
  @IsDate()
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
