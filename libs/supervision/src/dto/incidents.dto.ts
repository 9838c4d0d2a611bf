import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxDate,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStorableDate, TimeRangeQueryDto, trim } from '@app/core';
import { AvFault, IncidentKind } from '../entities/incident.entity';

export class IncidentPartyDto {
  @IsIn(['VEHICLE', 'PEDESTRIAN', 'CYCLIST', 'PROPERTY', 'OTHER'])
  kind!: 'VEHICLE' | 'PEDESTRIAN' | 'CYCLIST' | 'PROPERTY' | 'OTHER';

  @Transform(trim)
  @IsString()
  @Length(1, 500)
  description!: string;
}

export class ReportIncidentDto {
  @IsUUID()
  vehicleId!: string;

  @IsEnum(IncidentKind)
  kind!: IncidentKind;

  /** When it happened (RFC 3339). */
  @IsStorableDate()
  occurredAt!: Date;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  /** Mode at the time; when absent, taken from the nearest stored telemetry point. */
  @IsOptional()
  @IsIn(['AUTONOMOUS', 'MANUAL', 'REMOTE'])
  modeAtTime?: 'AUTONOMOUS' | 'MANUAL' | 'REMOTE';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IncidentPartyDto)
  parties?: IncidentPartyDto[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  fatalities?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  seriousInjuries?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  minorInjuries?: number;

  @IsOptional()
  @IsBoolean()
  vehicleDestroyed?: boolean;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  damage?: string;

  @IsOptional()
  @IsEnum(AvFault)
  avAtFault?: AvFault;

  @Transform(trim)
  @IsString()
  @Length(1, 10_000)
  narrative!: string;

  /** References to evidence (video ids, photos, police report numbers). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  evidenceRefs?: string[];
}

export class AmendIncidentDto extends PartialType(OmitType(ReportIncidentDto, ['vehicleId', 'kind'] as const)) {
  /** Why the report changes. */
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

/** The range may span at most 24 hours. */
export class RequestAnalysisDto {
  /** When the analysis report is due; a regulator may move it while the report is outstanding. */
  @Type(() => Date)
  @IsDate()
  @MaxDate(() => new Date(Date.now() + 366 * 24 * 3600_000), { message: 'must be within a year from now' })
  dueAt!: Date;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class SubmitAnalysisDto {
  /** Where the report document is kept (document store id or URL). */
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  documentRef!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 10_000)
  summary!: string;
}

export class NearbyQueryDto extends TimeRangeQueryDto {
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  /** Radius in metres (at most 5 km). */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(5000)
  radiusM!: number;
}
