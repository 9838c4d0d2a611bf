import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate, TimeRangeQueryDto, trim } from '@app/core';
import {
  TAKEOVER_INITIATORS,
  TAKEOVER_LOCATION_TYPES,
  type TakeoverInitiator,
  type TakeoverLocationType,
} from '@app/telemetry';

export class TakeoverQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @IsUUID()
  vehicleId?: string;

  /** Only those the enterprise has not classified yet. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  unclassified?: boolean;
}

export class ClassifyTakeoverDto {
  @IsIn(TAKEOVER_INITIATORS)
  initiatedBy!: TakeoverInitiator;

  @Transform(trim)
  @IsString()
  @Length(1, 500)
  cause!: string;

  @IsIn(TAKEOVER_LOCATION_TYPES)
  locationType!: TakeoverLocationType;
}

export class DisengagementQueryDto {
  /** First local day (YYYY-MM-DD), inclusive. */
  @IsCalendarDate()
  from!: string;

  /** Last local day (YYYY-MM-DD), inclusive. */
  @IsCalendarDate()
  to!: string;
}
