import { createHash } from 'node:crypto';

/** The hash of the (empty) chain before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry's hash covers: everything but the hash itself. */
export interface ChainedContent {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  enterpriseId: string | null;
  jurisdictionCode: string | null;
  summary: unknown;
  requestId: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the previous hash and the entry's canonical content. */
export function hashEntry(content: ChainedContent): string {
  const covered = {
    seq: content.seq,
    occurredAt: content.occurredAt,
    actorId: content.actorId,
    actorRole: content.actorRole,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    enterpriseId: content.enterpriseId,
    jurisdictionCode: content.jurisdictionCode,
    summary: content.summary,
    requestId: content.requestId,
  };
  return createHash('sha256').update(content.prevHash).update('\n').update(canonicalJson(covered)).digest('hex');
}

export interface StoredEntry extends ChainedContent {
  hash: string;
}

export interface ChainVerdict {
  ok: boolean;
  entriesChecked: number;
  /** Sequence number of the first entry that does not verify, or null. */
  firstBrokenSeq: number | null;
  reason: string | null;
  /** Hash and seq of the last entry that verified, to continue from in the next page. */
  headSeq: number;
  headHash: string;
}

/**
 * Verifies a page of entries in seq order, continuing from `previous` (the head of the pages
 * already checked). An entry breaks the chain when its seq is not the next one, it does not
 * point at the previous hash, or its hash does not match its content.
 */
export function verifyEntries(
  entries: readonly StoredEntry[],
  previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainVerdict {
  let headSeq = previous.seq;
  let headHash = previous.hash;
  let checked = 0;
  for (const entry of entries) {
    checked += 1;
    const reason =
      entry.seq !== headSeq + 1
        ? `expected seq ${headSeq + 1}, found ${entry.seq}`
        : entry.prevHash !== headHash
          ? 'does not link to the previous entry'
          : hashEntry(entry) !== entry.hash
            ? 'content does not match its hash'
            : null;
    if (reason)
      return {
        ok: false,
        entriesChecked: checked,
        firstBrokenSeq: entry.seq,
        reason,
        headSeq,
        headHash,
      };
    headSeq = entry.seq;
    headHash = entry.hash;
  }
  return {
    ok: true,
    entriesChecked: checked,
    firstBrokenSeq: null,
    reason: null,
    headSeq,
    headHash,
  };
}
