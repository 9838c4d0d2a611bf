import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStorableDate, TimeRangeQueryDto, trim } from '@app/core';

export class TripDto {
  /** The enterprise's own order or trip id; reporting it again changes nothing. */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  externalRef!: string;

  @IsUUID()
  vehicleId!: string;

  @IsStorableDate()
  startedAt!: Date;

  @IsStorableDate()
  endedAt!: Date;

  @IsInt()
  @Min(0)
  @Max(200)
  passengers!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1000)
  cargoTonnes!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1_000_000)
  fareCny!: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(10_000)
  distanceKm?: number;
}

export class ReportTripsDto {
  /** The commercial pilot permit the trips ran under. */
  @IsUUID()
  permitId!: string;

  /** At most 1000 trips per request. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TripDto)
  trips!: TripDto[];
}

export class OperationsTotalsQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @IsUUID()
  permitId?: string;
}
