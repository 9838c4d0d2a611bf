import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { trim } from '@app/core';
import {
  TAKEOVER_INITIATORS,
  TAKEOVER_LOCATION_TYPES,
  type TakeoverInitiator,
  type TakeoverLocationType,
} from '@app/telemetry';

export class TakeoverQueryDto {
  @IsOptional()
  @IsUUID()
  vehicleId?: string;

  @Type(() => Date)
  @IsDate()
  from!: Date;

  @Type(() => Date)
  @IsDate()
  to!: Date;

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
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from!: string;

  /** Last local day (YYYY-MM-DD), inclusive. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to!: string;
}
