import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { trim } from '@app/core';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../entities/webhook-endpoint.entity';

export class CreateWebhookDto {
  /** Where events are POSTed: http or https, without credentials in the URL. */
  @Transform(trim)
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_valid_protocol: true,
      require_tld: false,
      disallow_auth: true,
    },
    { message: 'url must be an http or https URL without credentials' },
  )
  @MaxLength(2000)
  url!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;

  /** Events to receive; default `["alert.opened"]`. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];
}

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  /** A deactivated endpoint receives nothing, and its pending deliveries are given up. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookDeliveryQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** Payload of `webhook.deliver`. */
export class DeliverWebhookJob {
  @IsUUID()
  deliveryId!: string;
}
