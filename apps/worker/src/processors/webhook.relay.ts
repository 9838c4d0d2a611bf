import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { RedisEvents } from '@app/core';
import { WebhookDispatcher } from '@app/supervision';
import { ALERTS_CHANNEL, type StoredAlert } from '@app/telemetry';

/**
 * Hears every alert the workers store or announce and queues `alert.opened` deliveries for the
 * new ones. Every worker relays every message; the dispatcher makes that one delivery each.
 */
@Injectable()
export class WebhookRelay implements OnApplicationBootstrap {
  constructor(
    private readonly events: RedisEvents,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Subscribed before the worker reports ready; alerts missed while down are caught up by catchUp(). */
  async onApplicationBootstrap(): Promise<void> {
    await this.events.subscribe(ALERTS_CHANNEL, (message) => {
      const opened = (JSON.parse(message) as StoredAlert[]).filter((a) => a.opened).map((a) => a.id);
      if (opened.length > 0) void this.dispatcher.dispatch('alert.opened', opened);
    });
  }
}
