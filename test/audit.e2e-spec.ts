import request from 'supertest';
import { hashEntry } from '@app/audit';
import { createStaff, registerEnterprise, type Session } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { waitFor } from './support/wait-for';

describe('audit log', () => {
  let ctx: TestContext;
  let auditor: Session;
  let pingshanRegulator: Session;
  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    pingshanRegulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    auditor = await createStaff(ctx.api, 'AUDITOR', 'CN-SZ-PINGSHAN');
  });
  afterAll(() => ctx.close());
  const http = () => request(ctx.api.getHttpServer());
  const sql = (text: string, params: unknown[] = []) => ctx.dataSource.query(text, params);

  async function checkpoint(): Promise<Record<string, unknown>> {
    const requested = await http().post('/v1/audit/checkpoints').set(auditor.auth).expect(202);
    expect(requested.body.status).toBe('PENDING');
    return waitFor(async () => {
      const res = await http().get(`/v1/audit/checkpoints/${requested.body.id}`).set(auditor.auth).expect(200);
      return res.body.status === 'DONE' ? (res.body as Record<string, unknown>) : undefined;
    });
  }

  it('records each decision with actor, role, action, before/after and request id', async () => {
    const enterprise = await registerEnterprise(ctx.api);
    await http()
      .post(`/v1/enterprises/${enterprise.id}/verify`)
      .set(pingshanRegulator.auth)
      .set('X-Request-Id', 'verify-req-1')
      .send({})
      .expect(200);
    const res = await http().get('/v1/audit').query({ entityId: enterprise.id }).set(auditor.auth).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'enterprise.verified',
      'enterprise.registered',
    ]);
    expect(res.body.items[0]).toMatchObject({
      actorRole: 'REGULATOR',
      entityType: 'enterprise',
      requestId: 'verify-req-1',
      summary: {
        before: { status: 'PENDING_VERIFICATION' },
        after: { status: 'VERIFIED', note: null },
      },
    });
  });

  it('shows enterprises only their own entries and auditors only their jurisdiction', async () => {
    const mine = await registerEnterprise(ctx.api);
    const other = await registerEnterprise(ctx.api);
    const beijing = await registerEnterprise(ctx.api, 'CN-BJ-YIZHUANG');
    const own = await http().get('/v1/audit').set(mine.admin.auth).expect(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(new Set(own.body.items.map((e: { enterpriseId: string }) => e.enterpriseId))).toEqual(new Set([mine.id]));
    const seen = await http().get('/v1/audit').query({ limit: 500 }).set(auditor.auth).expect(200);
    const ids = seen.body.items.map((e: { entityId: string }) => e.entityId);
    expect(ids).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect(ids).not.toContain(beijing.id);
    await http().get('/v1/audit/verify').set(mine.admin.auth).expect(403);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql(`UPDATE audit_entries SET action = 'forged' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM audit_entries WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
  });

  it('checkpoints through the worker, then verify and checkpoints find exactly a tampered entry', async () => {
    const good = await checkpoint();
    const [{ count, hash }] = await sql(
      `SELECT count(*)::int AS count, (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1) AS hash FROM audit_entries`,
    );
    expect(good).toMatchObject({
      ok: true,
      entriesChecked: count,
      headSeq: count,
      headHash: hash,
      firstBrokenSeq: null,
    });
    expect((await http().get('/v1/audit/verify').set(auditor.auth).expect(200)).body).toMatchObject({
      ok: true,
      entriesChecked: count,
    });

    // A superuser bypasses the triggers and rewrites one entry's content.
    const target = 3;
    await ctx.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_entries SET summary = '{"after":{"status":"FORGED"}}' WHERE seq = $1`, [
        target,
      ]);
    });
    const verdict = await http().get('/v1/audit/verify').set(auditor.auth).expect(200);
    expect(verdict.body).toMatchObject({
      ok: false,
      firstBrokenSeq: target,
      reason: 'content does not match its hash',
      entriesChecked: target,
    });
    expect(await checkpoint()).toMatchObject({ ok: false, firstBrokenSeq: target });

    // Recomputing every hash after the forgery hides it from the chain, but not from the checkpoint.
    await ctx.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      const rows = await manager.query(`SELECT * FROM audit_entries WHERE seq >= $1 ORDER BY seq`, [target]);
      let [{ hash: prevHash }] = await manager.query(`SELECT hash FROM audit_entries WHERE seq = $1`, [target - 1]);
      for (const row of rows) {
        const entry = {
          seq: Number(row.seq),
          occurredAt: row.occurred_at,
          actorId: row.actor_id,
          actorRole: row.actor_role,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          enterpriseId: row.enterprise_id,
          jurisdictionCode: row.jurisdiction_code,
          summary: row.summary,
          requestId: row.request_id,
          prevHash,
        };
        prevHash = hashEntry(entry);
        await manager.query(`UPDATE audit_entries SET prev_hash = $2, hash = $3 WHERE seq = $1`, [
          entry.seq,
          entry.prevHash,
          prevHash,
        ]);
      }
    });
    expect((await http().get('/v1/audit/verify').set(auditor.auth).expect(200)).body.ok).toBe(true);
    expect(await checkpoint()).toMatchObject({ ok: false, firstBrokenSeq: good.headSeq });
  });
});
