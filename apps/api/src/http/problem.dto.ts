import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'creditCode' })
  field!: string;

  @ApiProperty({ example: 'creditCode check character must be 6 (GB 32100)' })
  reason!: string;
}

/** RFC 9457 problem document, as every error is rendered. */
export class ProblemDto {
  @ApiProperty({
    example: '/problems/validation-failed',
    description: 'Stable identifier of the kind of failure',
  })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'creditCode: creditCode check character must be 6 (GB 32100)' })
  detail!: string;

  @ApiProperty({ example: '/v1/enterprises' })
  instance!: string;

  @ApiPropertyOptional({
    description: 'Request id, also in the X-Request-Id header and every log line',
  })
  requestId?: string;

  @ApiPropertyOptional({
    type: [FieldProblemDto],
    description: 'For validation failures: each offending field',
  })
  errors?: FieldProblemDto[];

  @ApiPropertyOptional({ description: 'For illegal state transitions (409): the current state' })
  currentState?: string;
}
