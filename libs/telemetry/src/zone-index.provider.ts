import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisEvents } from '@app/core';
import { ZONES_CHANGED_CHANNEL, ZonesService } from '@app/fleet';
import { ZoneIndex } from './zone-index';

const REFRESH_MS = 2000;

/**
 * The worker's in-process zone index and jurisdiction time zones, loaded from PostgreSQL and
 * reloaded when the API announces a zone change (or, failing that, when the zones version in Redis
 * moves, checked every 2 s).
 */
@Injectable()
export class ZoneIndexProvider {
  private readonly logger = new Logger(ZoneIndexProvider.name);
  private index: ZoneIndex | null = null;
  private timezones = new Map<string, string>();
  private loadedVersion: string | null = null;
  private loading: Promise<void> | null = null;
  private checkedAt = 0;

  constructor(
    private readonly zones: ZonesService,
    private readonly dataSource: DataSource,
    events: RedisEvents,
  ) {
    // Zone changes are announced; the 2 s version check remains the fallback.
    void events.subscribe(ZONES_CHANGED_CHANNEL, () => this.invalidate());
  }

  /** The current index, reloaded first if the zones changed (checked at most every 2 s). */
  async current(): Promise<{ index: ZoneIndex; timezoneOf: (jurisdictionCode: string) => string }> {
    if (!this.index || Date.now() - this.checkedAt > REFRESH_MS) {
      this.loading ??= this.refresh().finally(() => (this.loading = null));
      await this.loading;
    }
    return {
      index: this.index!,
      timezoneOf: (code) => this.timezones.get(code) ?? 'Asia/Shanghai',
    };
  }

  /** Forces a reload on next use (tests, and after a zone change seen in this process). */
  invalidate(): void {
    this.checkedAt = 0;
    this.loadedVersion = null;
  }

  private async refresh(): Promise<void> {
    const version = await this.zones.version().catch(() => this.loadedVersion ?? 'unknown');
    this.checkedAt = Date.now();
    if (this.index && version === this.loadedVersion) return;
    const [areas, jurisdictions] = await Promise.all([
      this.zones.areas(),
      this.dataSource.query<{ code: string; timezone: string }[]>('SELECT code, timezone FROM jurisdictions'),
    ]);
    this.index = new ZoneIndex(
      areas.map((a) => ({ id: a.id, jurisdictionCode: a.jurisdictionCode, area: a.area as never })),
    );
    this.timezones = new Map(jurisdictions.map((j) => [j.code, j.timezone]));
    this.loadedVersion = version;
    this.logger.log({ zones: areas.length, version }, 'zone index loaded');
  }
}
