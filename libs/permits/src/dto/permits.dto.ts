import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, trim } from '@app/core';
import { type DocumentType, type DriverlessStage, PERMIT_KINDS, type PermitKind } from '@app/rules';

export const SCENES = ['PASSENGER', 'CARGO', 'SANITATION', 'SECURITY', 'RETAIL', 'TOURISM', 'DELIVERY', 'BUS'] as const;
export const DRIVERLESS_STAGES: readonly DriverlessStage[] = ['FRONT_PASSENGER_OFFICER', 'REAR_OFFICER', 'REMOTE_ONLY'];
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'COMPULSORY_INSURANCE',
  'LIABILITY_INSURANCE',
  'GUARANTEE_LETTER',
  'SEAT_INSURANCE',
  'CLOSED_FIELD_REPORT',
  'CYBERSECURITY_ASSESSMENT',
  'CYBERSECURITY_TEST',
  'THIRD_PARTY_REVIEWED_PLAN',
  'SAFETY_PLAN',
  'EVALUATION_PROCEDURE',
  'REMOTE_MONITORING_CAPABILITY',
  'EVENT_RECORDING_CAPABILITY',
  'LAW_ENFORCEMENT_INTERACTION_PLAN',
  'TRANSPORT_OPERATING_QUALIFICATION',
];

export class ConditionsDto {
  @IsBoolean()
  night!: boolean;

  @IsBoolean()
  adverseWeather!: boolean;

  @IsBoolean()
  expressway!: boolean;

  @IsBoolean()
  passengers!: boolean;

  @IsBoolean()
  cargo!: boolean;

  /** Application scenes (SEED-PS-SCENES). */
  @IsArray()
  @ArrayMaxSize(SCENES.length)
  @IsIn(SCENES, { each: true })
  scenes!: (typeof SCENES)[number][];
}

export class CreateApplicationDto {
  @IsIn(PERMIT_KINDS)
  kind!: PermitKind;

  /** The enterprise's own vehicles. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  vehicleIds!: string[];

  /** On-board or on-site safety operators (the enterprise's own). */
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  operatorIds!: string[];

  /** Remote safety officers (driverless, small unmanned vehicles). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  remoteOperatorIds?: string[];

  /** Zones and routes of the jurisdiction where the activity is requested. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  zoneIds!: string[];

  @IsCalendarDate()
  requestedFrom!: string;

  @IsCalendarDate()
  requestedTo!: string;

  // @ValidateNested alone lets a missing object through to the service.
  @IsObject()
  @ValidateNested()
  @Type(() => ConditionsDto)
  conditions!: ConditionsDto;

  /** Driverless pilots: the stage requested (BJ-DL-STAGES). */
  @IsOptional()
  @IsIn(DRIVERLESS_STAGES)
  requestedDriverlessStage?: DriverlessStage;

  /** Adds vehicles of identical configuration to this issued permit (CN-NAT-ADD-VEH). */
  @IsOptional()
  @IsUUID()
  addsToPermitId?: string;

  /** Renews this issued permit. */
  @IsOptional()
  @IsUUID()
  renewsPermitId?: string;
}

export class UpdateApplicationDto extends PartialType(
  OmitType(CreateApplicationDto, ['kind', 'addsToPermitId', 'renewsPermitId'] as const),
) {}

export class AddDocumentDto {
  @IsIn(DOCUMENT_TYPES)
  type!: DocumentType;

  @Transform(trim)
  @IsString()
  @Length(1, 200)
  fileName!: string;

  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/i, { message: 'mediaType must be a media type such as application/pdf' })
  mediaType!: string;

  /** The file, base64-encoded (the request body limit applies: about 700 KiB of file). */
  @IsBase64()
  @MaxLength(1_000_000)
  contentBase64!: string;

  /** Insurance and guarantee letters: the amount in CNY. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  amountCny?: number;

  /** When the document covers one of the application's vehicles only. */
  @IsOptional()
  @IsUUID()
  vehicleId?: string;

  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

export class ReasonDto {
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class TimeWindowDto {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'from must be HH:MM' })
  from!: string;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'to must be HH:MM' })
  to!: string;
}

export class ApproveDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;

  /** Required when some eligibility rule did not pass: why the regulator approves anyway. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  overrideReason?: string;

  /** Daily operating windows in the jurisdiction's time zone; absent means all day. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TimeWindowDto)
  timeWindows?: TimeWindowDto[];
}

export class RecognitionDto {
  @IsUUID()
  vehicleId!: string;

  /** Where the mileage was accrued (another jurisdiction or city). */
  @Transform(trim)
  @IsString()
  @Length(2, 100)
  sourceJurisdiction!: string;

  /** Notice number of the permit it was accrued under. */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  sourcePermitNumber!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(10_000_000)
  autonomousKm!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1_000_000)
  autonomousHours!: number;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}
