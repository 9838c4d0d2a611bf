import { PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AutomationLevel, VehicleCategory } from '../entities/vehicle.entity';
import { ZoneKind } from '../entities/zone.entity';
import { IsPastCalendarDate, trim, upperTrim } from '@app/core';
import { IsZoneGeometry, type ZoneGeometryType } from '../validation/geometry';
import { IsVin } from '../validation/vin';

export class VehicleConfigurationDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  make!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 100)
  model!: string;

  /** Version of the automated driving system software. */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  adsSoftwareVersion!: string;

  /** The sensors fitted, e.g. ["lidar-128 x1", "camera-8mp x11"]; order does not matter. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  sensorSuite!: string[];
}

export class CreateVehicleDto {
  /** 17-character VIN with its ISO 3779 check digit. */
  @Transform(upperTrim)
  @IsVin()
  vin!: string;

  /** Temporary plate (临时行驶车号牌), if issued. */
  @IsOptional()
  @Transform(upperTrim)
  @IsString()
  @Length(5, 12)
  plate?: string;

  /** Small-vehicle code such as MT0001 (two capitals and four digits). */
  @IsOptional()
  @Transform(upperTrim)
  @Matches(/^[A-Z]{2}\d{4}$/, {
    message: 'vehicleCode must be two capital letters and four digits, e.g. MT0001',
  })
  vehicleCode?: string;

  @IsEnum(VehicleCategory)
  category!: VehicleCategory;

  @IsEnum(AutomationLevel)
  automationLevel!: AutomationLevel;

  /** Seats including the driver's; 0 for vehicles without a cockpit. */
  @IsInt()
  @Min(0)
  @Max(100)
  seats!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => VehicleConfigurationDto)
  configuration!: VehicleConfigurationDto;
}

export class ClosedFieldTestDto {
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(10_000_000)
  km!: number;

  @Transform(trim)
  @IsString()
  @Length(1, 200)
  site!: string;

  /** Date of the test (YYYY-MM-DD), not in the future. */
  @IsPastCalendarDate()
  testedOn!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 200)
  reportRef!: string;
}

/**
 * A GeoJSON geometry: Polygon or MultiPolygon for areas, LineString for routes. Checked as a
 * whole by @IsZoneGeometry on the property that holds it.
 */
export class GeoJsonGeometry {
  type!: ZoneGeometryType;

  /** [longitude, latitude] positions nested as the type requires (RFC 7946). */
  coordinates!: unknown[];
}

export class CreateZoneDto {
  /** Short stable identifier, e.g. PS-BUS-13KM. */
  @Transform(upperTrim)
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,63}$/, {
    message: 'code must be 2-64 capital letters, digits and dashes',
  })
  code!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Required for platform admins; regulators create zones in their own jurisdiction. */
  @IsOptional()
  @IsString()
  jurisdictionCode?: string;

  @IsEnum(ZoneKind)
  kind!: ZoneKind;

  /** GeoJSON Polygon, MultiPolygon (areas) or LineString (routes), [lon, lat] positions. */
  @IsZoneGeometry()
  geometry!: GeoJsonGeometry;

  /** Coordinate system of `geometry`: WGS84 (default) or GCJ02 (Chinese web maps), converted on input. */
  @IsOptional()
  @IsIn(['WGS84', 'GCJ02'])
  crs?: 'WGS84' | 'GCJ02';

  /** Half-width of a route in metres (routes only). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(5000)
  bufferMeters?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  conditions?: string[];
}

/** Name, geometry (with its crs) and buffer can change; code, kind and jurisdiction cannot. */
export class UpdateZoneDto extends PartialType(
  PickType(CreateZoneDto, ['name', 'geometry', 'crs', 'bufferMeters'] as const),
) {}
