/**
 * The handoff queue shared by several instances through one real redis-server: a ticket created on
 * one instance is seen and accepted on another, exactly one of two concurrent accepts wins, listener
 * events reach the ticket's own instance once, the Teams stores round-trip between instances, and
 * an agent on one instance reaches a buyer of another through the reference in the buyer's record.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { createRedisSubscriber, type RedisSubscriber } from '../../src/state/redis-subscriber.js';
import { RedisHandoffQueue } from '../../src/services/handoff/redis-handoff-queue.js';
import { redisEventBus } from '../../src/services/handoff/redis-event-bus.js';
import { DEFAULT_BUSINESS_HOURS } from '../../src/services/handoff/business-hours.js';
import type { HandoffListener, QueuedTicket } from '../../src/services/handoff/handoff-port.js';
import { redisTeamsStores } from '../../src/channels/teams/redis-stores.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';
import { httpChat } from '../support/http-chat.js';
import { startConnector, type FakeConnector } from '../channels/teams/harness.js';
import { unpackRecord } from '../../src/state/conversation-store.js';

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
    const sa = redisTeamsStores(a.connection.commander, { prefix: 'x5' });
    const sb = redisTeamsStores(b.connection.commander, { prefix: 'x5' });
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
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startConnector();
    cluster = await startAppCluster(2);
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await connector?.close();
  });

  it("an agent on instance A reaches a buyer who spoke to instance B, through the reference in the buyer's record (no key of its own)", async () => {
    const [a, b] = cluster.instances;
    if (!a || !b) throw new Error('two instances expected');
    const chat = httpChat(b.url, `ref-${randomUUID()}`, { serviceUrl: connector.url, channelId: 'webchat' });
    const asked = (await chat.say('Can I talk to a real person please')).replies.map((r) => r.key);
    expect(asked.some((k) => /^handoff:(queued|afterHours)$/.test(k ?? ''))).toBe(true);
    const redis = (args: string[]) => a.assistant.redis!.commander.sendCommand(args);
    expect(await redis(['KEYS', '*teams:ref:*'])).toEqual([]);
    // Saved with the turn, compactly: the record's key already names the conversation.
    const stored = unpackRecord(JSON.parse(String(await redis(['GETRANGE', `asa:{conv:${chat.conversationId}}:record`, '16', '-1']))));
    expect(stored?.reference).toMatchObject({ channelId: 'webchat', serviceUrl: connector.url });
    expect(JSON.stringify(stored?.reference)).not.toContain(chat.conversationId);
    const [ticket] = await b.assistant.services.handoff.byConversation(chat.conversationId);
    if (!ticket) throw new Error('no handoff ticket');
    const accepted = await a.assistant.teams?.actions.accept(ticket.ticketId, { id: 'alice', name: 'Alice' }, `evt-${randomUUID()}`);
    expect(accepted).toMatchObject({ ok: true, delivered: true });
    const said = await a.assistant.teams?.actions.say(ticket.ticketId, { id: 'alice', name: 'Alice' }, { text: 'A courier comes tomorrow' }, `evt-${randomUUID()}`, 'tab');
    expect(said).toMatchObject({ ok: true, delivered: true });
    const toBuyer = connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${chat.conversationId}/activities`));
    expect(toBuyer.map((c) => (c.body.channelData as { replyKey?: string } | undefined)?.replyKey)).toContain('handoff:agentJoined');
    expect(toBuyer.some((c) => c.body.text?.includes('A courier comes tomorrow'))).toBe(true);
    // The agent turns (saved on A) kept the buyer's reference.
    expect((await a.assistant.store.load(chat.conversationId)).record?.reference).toMatchObject({ conversation: { id: chat.conversationId }, serviceUrl: connector.url });
    expect(await redis(['KEYS', '*teams:ref:*'])).toEqual([]);
  });

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
