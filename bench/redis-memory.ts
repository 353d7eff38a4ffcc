/**
 * What N stored conversations cost in Redis, measured by cloning real ones. The templates are
 * conversations the load run finished, several per flow; each is copied with EVERY key it wrote
 * (everything under its `{conv:<id>}` hash tag and any other key that names the conversation:
 * idempotency records, handoff and Teams references ...), byte for byte with DUMP/RESTORE and with
 * its remaining TTL, under a fresh conversation id of the same length. Keys that expire within a
 * few minutes (locks, rate-limit windows) are not part of a stored conversation and are left out.
 * The figure is `used_memory` after the clones minus before, on an otherwise empty server.
 */
import { randomUUID } from 'node:crypto';
import { createClient, RESP_TYPES } from 'redis';

export interface MemoryOptions {
  conversations: number;
  /** Templates per flow at most. */
  perFlow?: number;
  /** Finds the conversation id in a key that has no `{conv:<id>}` tag. */
  idPattern?: RegExp;
  /** Keys with less time to live than this are transient. Default 5 minutes. */
  transientMs?: number;
}

type KeyKind = 'record' | 'transcript' | 'other';

interface TemplateKey {
  key: string;
  kind: KeyKind;
  ttlMs: number;
  dump: Buffer;
  bytes: number;
}

interface Template {
  id: string;
  flow: string;
  keys: TemplateKey[];
}

export interface MemoryReport {
  conversations: number;
  templates: number;
  templatesPerFlow: Record<string, number>;
  usedMemoryMb: number;
  bytesPerConversation: number;
  keysPerConversation: number;
  /** MEMORY USAGE of the cloned keys by kind, summed over all clones (MB). */
  byKindMb: Record<KeyKind, number>;
  /** Average MEMORY USAGE of one conversation of each flow (bytes). */
  bytesPerFlow: Record<string, number>;
  /** The key shapes counted as "other" (conversation id shown as <id>). */
  otherKeyShapes: string[];
  transientKeysLeftOut: number;
  /** Keys that belong to no conversation (handoff queue, labels, complaints ...): not cloned. */
  shared: { keys: number; bytes: number; shapes: string[] };
}

const CONV_TAG = /\{conv:([^}]+)\}/;
const BENCH_ID = /bench-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function kindOf(key: string): KeyKind {
  if (key.endsWith(':record')) return 'record';
  if (key.endsWith(':transcript')) return 'transcript';
  return 'other';
}

/** A key with the conversation id, turn ids and RMAs replaced: which kinds of keys there are. */
export function keyShape(key: string, conversationId?: string): string {
  const named = conversationId ? key.split(conversationId).join('<id>') : key;
  return named.replace(/RMA-[A-Z0-9-]+/g, '<rma>').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** `samples`: flow name → ids of conversations that finished that flow. Throws rather than guess. */
export async function measureRedisMemory(redisUrl: string, samples: Record<string, string[]>, options: MemoryOptions): Promise<MemoryReport> {
  const { conversations, perFlow = 50, idPattern = BENCH_ID, transientMs = 5 * 60_000 } = options;
  const chosen = new Map<string, string>();
  for (const [flow, ids] of Object.entries(samples)) {
    if (ids.length === 0) throw new Error(`redis memory: no finished conversation of flow ${flow} to clone`);
    for (const id of ids.slice(0, perFlow)) chosen.set(id, flow);
  }
  if (chosen.size === 0) throw new Error('redis memory: no finished conversations to clone (did the load run fail?)');

  const text = createClient({ url: redisUrl });
  text.on('error', () => undefined);
  await text.connect();
  const binary = text.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  try {
    // 1. Every key, sorted into the templates' keys and the keys of no conversation.
    const keysOf = new Map<string, string[]>();
    const sharedKeys: string[] = [];
    let cursor = '0';
    do {
      const reply = await text.scan(cursor, { COUNT: 1000 });
      cursor = String(reply.cursor);
      for (const key of reply.keys) {
        const id = CONV_TAG.exec(key)?.[1] ?? idPattern.exec(key)?.[0];
        if (id === undefined) sharedKeys.push(key);
        else if (chosen.has(id)) keysOf.set(id, [...(keysOf.get(id) ?? []), key]);
      }
    } while (cursor !== '0');

    // 2. Their bytes and remaining lives.
    let transient = 0;
    const templates: Template[] = [];
    for (const [id, flow] of chosen) {
      const keys: TemplateKey[] = [];
      for (const key of keysOf.get(id) ?? []) {
        const ttlMs = Number(await text.pTTL(key));
        if (ttlMs === -2) continue; // gone meanwhile
        if (ttlMs >= 0 && ttlMs < transientMs) {
          transient++;
          continue;
        }
        const dump = await binary.sendCommand<Buffer | null>(['DUMP', key]);
        if (!dump) continue;
        const bytes = Number(await text.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0']));
        keys.push({ key, kind: kindOf(key), ttlMs: Math.max(0, ttlMs), dump, bytes });
      }
      if (!keys.some((k) => k.kind === 'record')) throw new Error(`redis memory: conversation ${id} (${flow}) has no record key; keys: ${(keysOf.get(id) ?? []).join(', ') || 'none'}`);
      templates.push({ id, flow, keys });
    }
    let sharedBytes = 0;
    for (const key of sharedKeys) sharedBytes += Number(await text.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0']));
    const otherKeyShapes = [...new Set(templates.flatMap((t) => t.keys.filter((k) => k.kind === 'other').map((k) => keyShape(k.key, t.id))))].sort();
    const sharedShapes = [...new Set(sharedKeys.map((k) => keyShape(k)))].sort();

    // 3. Clone onto an empty server, flows interleaved so every flow is equally represented.
    const byFlow = new Map<string, Template[]>();
    for (const t of templates) byFlow.set(t.flow, [...(byFlow.get(t.flow) ?? []), t]);
    const order: Template[] = [];
    for (let i = 0; order.length < templates.length; i++) {
      for (const list of byFlow.values()) {
        const t = list[i];
        if (t) order.push(t);
      }
    }

    await text.flushAll();
    const used = async () => Number(/used_memory:(\d+)/.exec(await text.info('memory'))?.[1] ?? Number.NaN);
    const before = await used();
    const byKind: Record<KeyKind, number> = { record: 0, transcript: 0, other: 0 };
    let expectedKeys = 0;
    const started = performance.now();
    for (let i = 0; i < conversations; i += 500) {
      const batch: Promise<unknown>[] = [];
      for (let j = i; j < Math.min(conversations, i + 500); j++) {
        const t = order[j % order.length];
        if (!t) throw new Error('redis memory: no template');
        const id = t.id.length === 42 && t.id.startsWith('bench-') ? `bench-${randomUUID()}` : `${t.id}-${j}`;
        for (const k of t.keys) {
          byKind[k.kind] += k.bytes;
          expectedKeys++;
          batch.push(binary.sendCommand(['RESTORE', k.key.split(t.id).join(id), String(k.ttlMs), k.dump]));
        }
      }
      await Promise.all(batch);
      if (performance.now() - started > 180_000) throw new Error('redis memory: filling took over 3 minutes');
    }
    const after = await used();
    const dbsize = await text.dbSize();
    if (dbsize !== expectedKeys) throw new Error(`redis memory: ${dbsize} keys after cloning, expected ${expectedKeys}`);
    if (!Number.isFinite(before) || !Number.isFinite(after) || after <= before) throw new Error(`redis memory: used_memory ${before} → ${after}`);

    const templatesPerFlow: Record<string, number> = {};
    const bytesPerFlow: Record<string, number> = {};
    for (const [flow, list] of byFlow) {
      templatesPerFlow[flow] = list.length;
      bytesPerFlow[flow] = Math.round(list.reduce((n, t) => n + t.keys.reduce((m, k) => m + k.bytes, 0), 0) / list.length);
    }
    return {
      conversations,
      templates: templates.length,
      templatesPerFlow,
      usedMemoryMb: mb(after - before),
      bytesPerConversation: Math.round((after - before) / conversations),
      keysPerConversation: Math.round((expectedKeys / conversations) * 100) / 100,
      byKindMb: { record: mb(byKind.record), transcript: mb(byKind.transcript), other: mb(byKind.other) },
      bytesPerFlow,
      otherKeyShapes,
      transientKeysLeftOut: transient,
      shared: { keys: sharedKeys.length, bytes: sharedBytes, shapes: sharedShapes.slice(0, 20) },
    };
  } finally {
    await text.close();
  }
}
