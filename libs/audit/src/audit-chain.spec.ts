import { canonicalJson, GENESIS_HASH, hashEntry, type StoredEntry, verifyEntries } from './audit-chain';

function chain(length: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const content = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 10, 23, 8, 0, seq)),
      actorId: `user-${seq % 3}`,
      actorRole: 'REGULATOR',
      action: 'enterprise.verified',
      entityType: 'enterprise',
      entityId: `e-${seq}`,
      enterpriseId: `e-${seq}`,
      jurisdictionCode: 'CN-SZ-PINGSHAN',
      summary: { before: { status: 'PENDING_VERIFICATION' }, after: { status: 'VERIFIED' } },
      requestId: `req-${seq}`,
      prevHash,
    };
    const hash = hashEntry(content);
    entries.push({ ...content, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});

describe('verifyEntries', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    expect(verifyEntries(entries)).toEqual({
      ok: true,
      entriesChecked: 5,
      firstBrokenSeq: null,
      reason: null,
      headSeq: 5,
      headHash: entries[4].hash,
    });
  });

  it('continues across pages from the previous head', () => {
    const entries = chain(6);
    const first = verifyEntries(entries.slice(0, 3));
    expect(verifyEntries(entries.slice(3), { seq: first.headSeq, hash: first.headHash }).ok).toBe(true);
  });

  it('names exactly the entry whose content was altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], summary: { after: { status: 'REJECTED' } } };
    expect(verifyEntries(entries)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'content does not match its hash',
    });
  });

  it('detects a deleted entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyEntries(entries)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'expected seq 2, found 3',
    });
  });

  it('detects an entry rewritten together with its own hash', () => {
    const entries = chain(4);
    const forged = { ...entries[1], actorId: 'someone-else' };
    entries[1] = { ...forged, hash: hashEntry(forged) };
    expect(verifyEntries(entries)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'does not link to the previous entry',
    });
  });
});
