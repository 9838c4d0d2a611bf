import { Transform, Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { trim } from '@app/core';
import { RoadsideDeviceKind, RoadsideDeviceStatus } from '../entities/roadside-device.entity';

export class DevicePositionDto {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;
}

export class RegisterRoadsideDeviceDto {
  @IsEnum(RoadsideDeviceKind)
  kind!: RoadsideDeviceKind;

  /** Manufacturer serial or external id, unique within the jurisdiction. */
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/, {
    message: 'serial must be 1-64 letters, digits or . _ : / - (starting with a letter or digit)',
  })
  serial!: string;

  /** A zone of the caller's jurisdiction; the device belongs to the zone's jurisdiction. */
  @IsUUID()
  zoneId!: string;

  /** Where the device is mounted (WGS-84); must lie inside the zone. */
  @IsOptional()
  @ValidateNested()
  @Type(() => DevicePositionDto)
  position?: DevicePositionDto;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateRoadsideDeviceDto {
  /** Moving the device to another zone of the same jurisdiction; its position must lie inside. */
  @IsOptional()
  @IsUUID()
  zoneId?: string;

  /** A new position, or null to clear it. */
  @ValidateIf((dto: UpdateRoadsideDeviceDto) => dto.position !== undefined && dto.position !== null)
  @ValidateNested()
  @Type(() => DevicePositionDto)
  position?: DevicePositionDto | null;

  /** A new description, or null to clear it. */
  @ValidateIf((dto: UpdateRoadsideDeviceDto) => dto.description !== undefined && dto.description !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class RoadsideDeviceQueryDto {
  @IsOptional()
  @IsUUID()
  zoneId?: string;

  @IsOptional()
  @IsEnum(RoadsideDeviceKind)
  kind?: RoadsideDeviceKind;

  /** Without it, decommissioned devices are left out. */
  @IsOptional()
  @IsEnum(RoadsideDeviceStatus)
  status?: RoadsideDeviceStatus;

  /** At most this many (default 500), by jurisdiction and serial. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

/** What a device may say about itself in a heartbeat; everything is optional. */
export class HeartbeatDto {
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e][\x20-\x7e]{0,63}$/, {
    message: 'firmwareVersion must be 1-64 printable ASCII characters',
  })
  firmwareVersion?: string;

  /** Seconds since the device booted; at most ten years. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10 * 366 * 86_400)
  uptimeSeconds?: number;
}

export class DecommissionRoadsideDeviceDto {
  /** Why it is taken out of service; kept in the audit log and on a resolved offline alert. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
