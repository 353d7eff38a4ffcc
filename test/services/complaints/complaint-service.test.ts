import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryComplaintService } from '../../../src/services/complaints/index.js';

const base = {
  conversationId: 'conv-1',
  orderId: '111-5820437-6619203',
  category: 'product_quality' as const,
  severity: 'normal' as const,
  summary: 'pan arrived cracked',
  buyerText: ['The pan arrived cracked', '平底锅裂了'],
};

describe('InMemoryComplaintService', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('records a complaint with id and time, keeping the buyer words', async () => {
    const svc = new InMemoryComplaintService({ now: () => new Date('2025-06-15T12:00:00Z') });
    const r = await svc.record({ ...base, idempotencyKey: 'k1' });
    expect(r.id).toMatch(/^CMP-[A-Z2-7]{10}$/);
    expect(r).toMatchObject({ ...base, createdAt: '2025-06-15T12:00:00.000Z' });
    expect(r).not.toHaveProperty('idempotencyKey');
    expect(await svc.get(r.id)).toEqual(r);
  });

  it('same idempotency key → same record, one entry; concurrent too', async () => {
    const svc = new InMemoryComplaintService();
    const [a, b, c] = await Promise.all([
      svc.record({ ...base, idempotencyKey: 'k' }),
      svc.record({ ...base, idempotencyKey: 'k' }),
      svc.record({ ...base, idempotencyKey: 'k' }),
    ]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await svc.list()).toHaveLength(1);
    await svc.record({ ...base, idempotencyKey: 'other' });
    expect(await svc.list()).toHaveLength(2);
  });

  it('lists newest first with filters for agents', async () => {
    let t = Date.parse('2025-06-15T12:00:00Z');
    const svc = new InMemoryComplaintService({ now: () => new Date((t += 1000)) });
    await svc.record({ ...base, idempotencyKey: '1' });
    await svc.record({ ...base, severity: 'severe', category: 'negative_review', conversationId: 'conv-2', idempotencyKey: '2' });
    const all = await svc.list();
    expect(all.map((r) => r.conversationId)).toEqual(['conv-2', 'conv-1']);
    expect(await svc.list({ severity: 'severe' })).toHaveLength(1);
    expect(await svc.list({ conversationId: 'conv-1' })).toHaveLength(1);
  });

  it('persists to the data dir and survives a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'complaints-'));
    dirs.push(dataDir);
    const first = await new InMemoryComplaintService({ dataDir }).record({ ...base, idempotencyKey: 'p' });
    const restarted = new InMemoryComplaintService({ dataDir });
    expect(await restarted.list()).toEqual([first]);
    expect(await restarted.record({ ...base, idempotencyKey: 'p' })).toEqual(first);
    expect(await restarted.list()).toHaveLength(1);
  });
});
