import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type EntityManager, LessThan, type FindOptionsWhere, Repository, MoreThan, Between } from 'typeorm';
import { type RequestContext, scopeWhere, type TenantScope } from '@app/core';
import { AuditEntry } from './audit-entry.entity';
import { type ChainVerdict, GENESIS_HASH, hashEntry, verifyEntries } from './audit-chain';

/** Serialises appends so each entry links to the one before it. */
const AUDIT_CHAIN_LOCK = 7_302_001;
const VERIFY_PAGE = 2000;

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  enterpriseId?: string | null;
  jurisdictionCode?: string | null;
  before?: unknown;
  after?: unknown;
  /** Anything else a reader needs to understand the change (a reason, an override). */
  details?: Record<string, unknown>;
}

/** Who made a change: a person's request, or the system itself (scheduled expiry and the like). */
export type AuditAuthor = RequestContext | 'system';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** Return entries with seq below this (pages go from newest to oldest). */
  beforeSeq?: number;
  limit: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records a change to a row owned by a tenant: its id, enterprise and jurisdiction name the entry. */
  recordFor(
    manager: EntityManager,
    author: AuditAuthor,
    entityType: string,
    entity: { id: string; enterpriseId: string | null; jurisdictionCode: string | null },
    action: string,
    before: unknown,
    after: unknown,
  ): Promise<AuditEntry> {
    return this.record(manager, author, {
      action,
      entityType,
      entityId: entity.id,
      enterpriseId: entity.enterpriseId,
      jurisdictionCode: entity.jurisdictionCode,
      before,
      after,
    });
  }

  /**
   * Appends an entry inside the caller's transaction, so the change and its record commit or
   * roll back together. Appends are serialised by a transaction-scoped advisory lock.
   */
  async record(manager: EntityManager, author: AuditAuthor, change: AuditChange): Promise<AuditEntry> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last: { seq: string; hash: string }[] = await manager.query(
      'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
    );
    const entry = manager.create(AuditEntry, {
      seq: last.length ? Number(last[0].seq) + 1 : 1,
      occurredAt: new Date(),
      actorId: author === 'system' ? null : author.actor.userId,
      actorRole: author === 'system' ? 'SYSTEM' : author.actor.role,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      enterpriseId: change.enterpriseId ?? null,
      jurisdictionCode: change.jurisdictionCode ?? null,
      // Round-trip through JSON so the hashed summary is exactly what jsonb will return.
      summary: JSON.parse(
        JSON.stringify({
          before: change.before ?? null,
          after: change.after ?? null,
          ...change.details,
        }),
      ) as Record<string, unknown>,
      requestId: author === 'system' ? null : author.requestId,
      prevHash: last.length ? last[0].hash : GENESIS_HASH,
    });
    entry.hash = hashEntry(entry);
    // TypeORM's deep-partial type does not accept jsonb records; the entity is complete here.
    await manager.insert(AuditEntry, entry as QueryDeepPartialEntity<AuditEntry>);
    return entry;
  }

  /** Newest first, within the caller's scope (an enterprise sees only its own entries). */
  async list(scope: TenantScope, query: AuditQuery): Promise<AuditEntry[]> {
    const where: FindOptionsWhere<AuditEntry> = { ...scopeWhere(scope) };
    if (query.entityType) where.entityType = query.entityType;
    if (query.entityId) where.entityId = query.entityId;
    if (query.action) where.action = query.action;
    if (query.actorId) where.actorId = query.actorId;
    if (query.from || query.to) {
      where.occurredAt =
        query.from && query.to
          ? Between(query.from, query.to)
          : query.from
            ? MoreThan(query.from)
            : LessThan(query.to!);
    }
    if (query.beforeSeq) where.seq = LessThan(query.beforeSeq);
    return this.entries.find({ where, order: { seq: 'DESC' }, take: query.limit });
  }

  /** Recomputes the whole chain page by page and reports the first entry that does not verify. */
  async verify(manager: EntityManager = this.entries.manager): Promise<ChainVerdict> {
    let head = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const page = await manager.find(AuditEntry, {
        where: { seq: MoreThan(head.seq) },
        order: { seq: 'ASC' },
        take: VERIFY_PAGE,
      });
      const verdict = verifyEntries(page, head);
      checked += verdict.entriesChecked;
      if (!verdict.ok || page.length < VERIFY_PAGE) return { ...verdict, entriesChecked: checked };
      head = { seq: verdict.headSeq, hash: verdict.headHash };
    }
  }

  /** The hash of the entry at `seq`, or null when the chain is shorter. */
  async hashAt(seq: number, manager: EntityManager = this.entries.manager): Promise<string | null> {
    const entry = await manager.findOne(AuditEntry, {
      where: { seq },
      select: { seq: true, hash: true },
    });
    return entry?.hash ?? null;
  }
}
