import { IsOptional, IsString, Length } from 'class-validator';

export class PlatformStatsQueryDto {
  /** One jurisdiction; without it, every jurisdiction the caller may see. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  jurisdictionCode?: string;
}
