/**
 * The handoff queue shared by several instances through one real redis-server: a ticket created on
 * one instance is seen and accepted on another, exactly one of two concurrent accepts wins, listener
 * events reach the ticket's own instance once, and the Teams stores round-trip between instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, createRedisSubscriber, type RedisConnection, type RedisSubscriber } from '../../src/state/redis-client.js';
import { RedisHandoffQueue } from '../../src/services/handoff/redis-handoff-queue.js';
import { redisEventBus } from '../../src/services/handoff/redis-event-bus.js';
import { DEFAULT_BUSINESS_HOURS } from '../../src/services/handoff/business-hours.js';
import type { HandoffListener, QueuedTicket } from '../../src/services/handoff/handoff-port.js';
import { redisTeamsStores } from '../../src/channels/teams/redis-stores.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

const NOW = '2026-03-04T10:00:00.000Z';
const req = (key: string) => ({ conversationId: `c-${key}`, lang: 'zh' as const, reason: 'asked' as const, summary: [], actions: [], idempotencyKey: key, now: NOW });

/** One instance's view: its own command connection, subscriber connection and queue. */
interface Node {
  connection: RedisConnection;
  subscriber: RedisSubscriber;
  queue: RedisHandoffQueue;
  events: string[];
  /** Resolves at the next listener event on this node. */
  next(): Promise<string>;
}

let server: RedisServerHandle;
const nodes: Node[] = [];

async function node(prefix: string): Promise<Node> {
  const connection = createRedisClient(server.url);
  await connection.connect();
  const subscriber = createRedisSubscriber(connection);
  await subscriber.connect();
  const queue = new RedisHandoffQueue(connection.commander, { hours: DEFAULT_BUSINESS_HOURS, prefix, now: () => new Date(NOW), bus: redisEventBus(connection.commander, subscriber) });
  await queue.start();
  const events: string[] = [];
  let waiters: ((event: string) => void)[] = [];
  const record = (event: string) => {
    events.push(event);
    const current = waiters;
    waiters = [];
    for (const w of current) w(event);
  };
  const listener: HandoffListener = {
    ticketCreated: async (t: QueuedTicket) => record(`created:${t.ticketId}`),
    buyerMessage: async (t: QueuedTicket, text: string) => record(`message:${t.ticketId}:${text}`),
    ticketWithdrawn: async (t: QueuedTicket) => record(`withdrawn:${t.ticketId}:${t.state}`),
  };
  queue.listen(listener);
  const n: Node = { connection, subscriber, queue, events, next: () => new Promise((resolve) => waiters.push(resolve)) };
  nodes.push(n);
  return n;
}

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const n of nodes) {
    await n.subscriber.close();
    await n.connection.close();
  }
  await server?.stop();
});

describe('shared handoff queue across instances', () => {
  it('a ticket created on B is announced once (on B), seen on A and accepted there; a second accept is refused', async () => {
    const a = await node('x1');
    const b = await node('x1');
    const { ticketId } = await b.queue.request(req('k1'));
    await b.queue.request(req('k1')); // a retried turn on B
    expect(b.events).toEqual([`created:${ticketId}`]);
    expect(a.events).toEqual([]);
    expect((await a.queue.queue()).map((t) => t.ticketId)).toEqual([ticketId]);
    expect(await a.queue.accept(ticketId, { id: 'alice', name: 'Alice' })).toMatchObject({ ok: true, ticket: { state: 'accepted', agentName: 'Alice' } });
    expect(await b.queue.accept(ticketId, { id: 'bob', name: 'Bob' })).toEqual({ ok: false, code: 'taken' });
    expect(await b.queue.get(ticketId)).toMatchObject({ state: 'accepted', agentId: 'alice', lang: 'zh' });
  });

  it('of two agents accepting at once on two instances, exactly one wins (20 tickets)', async () => {
    const a = await node('x2');
    const b = await node('x2');
    for (let i = 0; i < 20; i++) {
      const { ticketId } = await (i % 2 ? a : b).queue.request(req(`race-${i}`));
      const results = await Promise.all([a.queue.accept(ticketId, { id: 'alice', name: 'Alice' }), b.queue.accept(ticketId, { id: 'bob', name: 'Bob' })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'taken' }]);
    }
    expect((await a.queue.queue()).every((t) => t.state === 'accepted')).toBe(true);
  });

  it('buyer messages and withdrawals seen on A are delivered to the owner B once, not fired on A', async () => {
    const a = await node('x3');
    const b = await node('x3');
    const { ticketId } = await b.queue.request(req('k1'));
    const heard = b.next();
    await a.queue.relayBuyerMessage(ticketId, '有人吗？');
    expect(await heard).toBe(`message:${ticketId}:有人吗？`);
    const withdrawn = b.next();
    await a.queue.withdraw(ticketId);
    expect(await withdrawn).toBe(`withdrawn:${ticketId}:withdrawn`);
    expect(a.events).toEqual([]);
    expect(b.events).toEqual([`created:${ticketId}`, `message:${ticketId}:有人吗？`, `withdrawn:${ticketId}:withdrawn`]);
  });

  it('when the owner instance is gone, the instance that sees the message fires its own listeners', async () => {
    const a = await node('x4');
    const b = await node('x4');
    const { ticketId } = await b.queue.request(req('k1'));
    await b.subscriber.close(); // B stopped: nobody listens on its channel any more
    await a.queue.relayBuyerMessage(ticketId, 'still there?');
    expect(a.events).toEqual([`message:${ticketId}:still there?`]);
    expect(b.events).toEqual([`created:${ticketId}`]);
  });

  it('Teams stores round-trip between instances', async () => {
    const a = await node('x5');
    const b = await node('x5');
    const sa = redisTeamsStores(a.connection.commander, { prefix: 'x5', referenceTtlMs: 60_000 });
    const sb = redisTeamsStores(b.connection.commander, { prefix: 'x5', referenceTtlMs: 60_000 });
    const buyer = { channelId: 'directline', serviceUrl: 'http://127.0.0.1/dl', conversation: { id: 'c-1', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'u-1', name: 'Buyer' } };
    await sa.references.set('c-1', buyer);
    expect(await sb.references.get('c-1')).toEqual(buyer);
    expect(await sb.references.get('c-none')).toBeUndefined();
    const ttl = Number(await a.connection.commander.sendCommand(['PTTL', 'x5:teams:ref:c-1']));
    expect(ttl).toBeGreaterThan(0);
    const channel = { channelId: 'msteams', serviceUrl: 'http://127.0.0.1/teams', conversation: { id: '19:agents@thread.tacv2', isGroup: true, conversationType: 'channel', name: 'Support' } };
    expect(await sb.agentChannel.get()).toBeUndefined();
    await sa.agentChannel.set(channel);
    expect(await sb.agentChannel.get()).toEqual(channel);
    const thread = { ticketId: 'HO-1', channelConversationId: '19:agents@thread.tacv2', cardActivityId: '1712345678901', reference: channel };
    await sa.threads.set(thread);
    expect(await sb.threads.byTicket('HO-1')).toEqual(thread);
    expect(await sb.threads.byRootMessage('1712345678901')).toEqual(thread);
    expect(await sb.threads.byRootMessage('nope')).toBeUndefined();
    // Something else wrote garbage: read as absent, not as a broken reference.
    await a.connection.commander.sendCommand(['SET', 'x5:teams:agent-channel', '{"conversation":{"id":42}}']);
    expect(await sb.agentChannel.get()).toBeUndefined();
  });
});

describe('two app instances sharing the handoff queue', () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    cluster = await startAppCluster(2);
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('a buyer queued through instance B is seen and accepted by an agent acting on instance A', async () => {
    const [a, b] = cluster.instances;
    if (!a || !b) throw new Error('two instances expected');
    const ticket = await b.assistant.services.handoff.request(req('app-1'));
    expect((await a.assistant.services.handoff.queue()).map((t) => t.ticketId)).toContain(ticket.ticketId);
    const accepted = await a.assistant.teams?.actions.accept(ticket.ticketId, { id: 'alice', name: 'Alice' }, 'evt-1');
    expect(accepted).toMatchObject({ ok: true, ticket: { state: 'accepted', agentName: 'Alice' } });
    const again = await b.assistant.teams?.actions.accept(ticket.ticketId, { id: 'bob', name: 'Bob' }, 'evt-2');
    expect(again).toMatchObject({ ok: false, code: 'taken' });
    expect(await b.assistant.services.handoff.get(ticket.ticketId)).toMatchObject({ state: 'accepted', agentId: 'alice' });
  });
});
