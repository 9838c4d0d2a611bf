import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { trim } from '@app/core';
import { AlertStatus } from '../entities/alert.entity';

export const ALERT_TYPES = [
  'NO_ACTIVE_PERMIT',
  'OUTSIDE_ZONE',
  'OUTSIDE_HOURS',
  'OVERSPEED',
  'STAGE_EXCEEDED',
  'POSITION_JUMP',
  'TELEMETRY_GAP',
  'INCIDENT_REPORTED_LATE',
  'INCIDENT_ANALYSIS_OVERDUE',
  'DEVICE_OFFLINE',
] as const;

export class AlertQueryDto {
  /** Narrows a platform admin's view; others already see one jurisdiction at most. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  jurisdictionCode?: string;

  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @IsOptional()
  @IsUUID()
  vehicleId?: string;

  @IsOptional()
  @IsUUID()
  incidentId?: string;

  @IsOptional()
  @IsUUID()
  deviceId?: string;

  @IsOptional()
  @IsIn(ALERT_TYPES)
  type?: (typeof ALERT_TYPES)[number];

  @IsOptional()
  @IsIn(Object.values(AlertStatus))
  status?: AlertStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AlertNoteDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ResolveAlertDto {
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note!: string;
}
