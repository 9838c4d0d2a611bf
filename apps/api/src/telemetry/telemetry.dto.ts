import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** For the OpenAPI document only: requests are validated point by point by the protocol parser. */
export class TelemetryPointDto {
  @ApiProperty({
    example: 1042,
    description: 'Integer ≥ 1, consecutive over the vehicle’s life; the identity of a point',
  })
  seq!: number;

  @ApiProperty({
    example: '2026-11-20T08:15:03.200+08:00',
    description: 'RFC 3339 with offset, or integer epoch milliseconds',
    oneOf: [{ type: 'string' }, { type: 'integer' }],
  })
  ts!: string | number;

  @ApiProperty({ example: 22.7081, minimum: -90, maximum: 90 })
  lat!: number;

  @ApiProperty({ example: 114.3467, minimum: -180, maximum: 180 })
  lon!: number;

  @ApiProperty({ example: 31.5, minimum: 0 })
  speedKmh!: number;

  @ApiProperty({ example: 87, minimum: 0, exclusiveMaximum: true, maximum: 360 })
  headingDeg!: number;

  @ApiPropertyOptional({ example: 15230.412, minimum: 0 })
  odometerKm?: number;

  @ApiProperty({ enum: ['AUTONOMOUS', 'MANUAL', 'REMOTE'] })
  mode!: string;
}

export class TelemetryRequestDto {
  @ApiProperty({
    type: [TelemetryPointDto],
    maxItems: 1000,
    description: 'At most 1000 points and 1 MiB per request, in any order',
  })
  points!: TelemetryPointDto[];
}

export class PointRejectionDto {
  @ApiProperty({ example: 3 })
  index!: number;

  @ApiProperty({ example: 1045, nullable: true, type: Number })
  seq!: number | null;

  @ApiProperty({ example: 'lat out of range' })
  reason!: string;
}

export class TelemetryReceiptDto {
  @ApiProperty({ example: 998 })
  accepted!: number;

  @ApiProperty({ type: [PointRejectionDto] })
  rejected!: PointRejectionDto[];

  @ApiProperty({
    example: 1020,
    description: 'Largest S such that every seq 1..S is durably stored or was rejected',
  })
  persistedThroughSeq!: number;
}
