/**
 * Redelivered agent activities: Teams resends an activity when the bot answers slowly or fails, and
 * behind a load balancer the copy may reach another instance. The agent's words must reach the
 * buyer once, and an activity whose first attempt failed must be processed when it comes again.
 * Two real app instances share one real redis-server; a local HTTP server plays the connector.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppCluster, type AppCluster, type Instance } from '../../support/app-cluster.js';
import { agent, BOT, buyer, CHANNEL, HandoffNlu, installInTeam, startConnector, startHarness, TENANT, type FakeConnector, type Harness } from './harness.js';

function post(url: string, connector: FakeConnector, activity: Record<string, unknown>): Promise<number> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), timestamp: new Date().toISOString(), serviceUrl: connector.url, recipient: BOT, ...activity }),
  }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
}

const ALICE = { channelId: 'msteams', from: { id: '29:aad-alice', aadObjectId: 'aad-alice', name: 'Alice' }, channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } }, locale: 'en-US' };

function inThread(rootId: string, activity: Record<string, unknown>): Record<string, unknown> {
  return { ...ALICE, type: 'message', conversation: { id: `${CHANNEL};messageid=${rootId}`, isGroup: true, conversationType: 'channel' }, replyToId: rootId, ...activity };
}

describe('agent activities redelivered across two instances (real redis-server)', () => {
  let cluster: AppCluster;
  let connector: FakeConnector;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    connector = await startConnector();
    cluster = await startAppCluster(2, { teamsAllowedTenants: [TENANT] }, { nlu: new HandoffNlu() });
    [a, b] = cluster.instances as [Instance, Instance];
    expect(await post(a.url, connector, { type: 'conversationUpdate', channelId: 'msteams', membersAdded: [{ id: BOT.id, name: BOT.name }], from: { id: '29:admin', name: 'Admin' }, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' }, channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL }, eventType: 'teamMemberAdded' } })).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await connector?.close();
  });

  const idle = async () => {
    await a.assistant.teams?.idle();
    await b.assistant.teams?.idle();
  };

  /** A buyer (on a Bot Framework channel) with a ticket accepted by Alice; returns what the tests need. */
  async function acceptedTicket() {
    const conversationId = `buyer-${randomUUID()}`;
    await post(a.url, connector, { type: 'message', channelId: 'webchat', text: 'I want to talk to a human', conversation: { id: conversationId }, from: { id: 'buyer-1', name: 'Buyer' }, locale: 'en-US' });
    await idle();
    const ticket = (await b.assistant.services.handoff.queue()).find((t) => t.conversationId === conversationId);
    if (!ticket) throw new Error('no ticket');
    const rootId = (await b.assistant.teams?.threads.byTicket(ticket.ticketId))?.cardActivityId ?? '';
    expect(rootId).not.toBe('');
    expect(await post(b.url, connector, inThread(rootId, { value: { action: 'accept', ticketId: ticket.ticketId } }))).toBe(200);
    await idle();
    const toBuyer = () => connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${conversationId}/activities`)).map((c) => c.body.text ?? '');
    const agentLines = async (text: string) => (await a.assistant.transcripts.list(conversationId)).filter((l) => l.text === text).length;
    return { conversationId, ticketId: ticket.ticketId, rootId, toBuyer, agentLines };
  }

  it('the same agent reply delivered to both instances at once reaches the buyer once', async () => {
    const t = await acceptedTicket();
    expect(t.toBuyer().join('\n')).toContain('Alice');
    const reply = inThread(t.rootId, { id: `reply-${randomUUID()}`, text: 'Sorry about that, a new one ships today' });
    const statuses = await Promise.all([post(a.url, connector, reply), post(b.url, connector, reply)]);
    expect(statuses).toEqual([200, 200]);
    await idle();
    expect(t.toBuyer().filter((x) => x === 'Alice: Sorry about that, a new one ships today')).toHaveLength(1);
    // And once more, later, to the other instance: still once.
    await post(a.url, connector, reply);
    await idle();
    expect(t.toBuyer().filter((x) => x === 'Alice: Sorry about that, a new one ships today')).toHaveLength(1);
    expect(await t.agentLines('Alice: Sorry about that, a new one ships today')).toBe(1);
  }, 30_000);

  it('a reply whose delivery failed is processed when Teams redelivers it (to the other instance), recorded once', async () => {
    const t = await acceptedTicket();
    const reply = inThread(t.rootId, { id: `reply-${randomUUID()}`, text: 'Here is your replacement tracking number' });
    // The next connector call is the delivery to the buyer: refused (not retryable).
    connector.failNext(1, 403);
    await post(a.url, connector, reply);
    await idle();
    expect(connector.failuresServed()).toBeGreaterThan(0);
    expect(t.toBuyer()).not.toContain('Alice: Here is your replacement tracking number');
    const told = connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${CHANNEL};messageid=${t.rootId}/activities`)).map((c) => c.body.text);
    expect(told).toContain('The buyer could not be reached just now; the message is in the transcript.');

    await post(b.url, connector, reply);
    await idle();
    expect(t.toBuyer().filter((x) => x === 'Alice: Here is your replacement tracking number')).toHaveLength(1);
    // The buyer-side turn ran once: the redelivery delivered the remembered replies.
    expect(await t.agentLines('Alice: Here is your replacement tracking number')).toBe(1);
    // Done now: a third copy changes nothing.
    await post(a.url, connector, reply);
    await idle();
    expect(t.toBuyer().filter((x) => x === 'Alice: Here is your replacement tracking number')).toHaveLength(1);
  }, 30_000);
});

describe('agent activities redelivered to one instance (memory)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** A buyer who asked for a person, their ticket's Teams thread, and Alice to act on it. */
  async function handedOff() {
    const harness = await startHarness();
    h = harness;
    await installInTeam(harness);
    const b = buyer(harness);
    await b.say('human please');
    await harness.teams.idle();
    const ticketId = (await harness.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    const rootId = (await harness.teams.threads.byTicket(ticketId))?.cardActivityId ?? '';
    return { harness, b, ticketId, rootId, alice: agent(harness, { aad: 'aad-alice', name: 'Alice' }) };
  }

  it('a card action whose delivery failed once is processed on the redelivery', async () => {
    const { harness, b, ticketId, rootId, alice } = await handedOff();
    await alice.inThread(rootId, { value: { action: 'accept', ticketId } });
    await harness.teams.idle();
    const canned = { id: 'canned-1', value: { action: 'canned', ticketId, canned: 'agent:canned.askPhoto' } };
    harness.connector.failNext(1, 403);
    await alice.inThread(rootId, canned);
    await harness.teams.idle();
    expect(b.keys()).not.toContain('agent:canned.askPhoto');
    await alice.inThread(rootId, canned);
    await harness.teams.idle();
    expect(b.keys().filter((k) => k === 'agent:canned.askPhoto')).toHaveLength(1);
    await alice.inThread(rootId, canned);
    expect(b.keys().filter((k) => k === 'agent:canned.askPhoto')).toHaveLength(1);
  });
  it('an accept or an end whose message to the buyer failed tells the buyer on its redelivery, and only then', async () => {
    const { harness, b, ticketId, rootId, alice } = await handedOff();
    const accept = { id: 'accept-1', value: { action: 'accept', ticketId } };
    harness.connector.failNext(1, 403);
    await alice.inThread(rootId, accept);
    await harness.teams.idle();
    expect(b.keys()).not.toContain('handoff:agentJoined');
    await alice.inThread(rootId, accept);
    await harness.teams.idle();
    expect(b.keys().filter((k) => k === 'handoff:agentJoined')).toHaveLength(1);
    // Another click on Accept (a new activity) is not a second announcement.
    await alice.inThread(rootId, { id: 'accept-2', value: { action: 'accept', ticketId } });
    await harness.teams.idle();
    expect(b.keys().filter((k) => k === 'handoff:agentJoined')).toHaveLength(1);

    const end = { id: 'end-1', value: { action: 'end', ticketId } };
    harness.connector.failNext(1, 403);
    await alice.inThread(rootId, end);
    await harness.teams.idle();
    expect(b.keys()).not.toContain('handoff:ended');
    expect((await harness.assistant.services.handoff.get(ticketId))?.state).toBe('closed');
    await alice.inThread(rootId, end);
    await harness.teams.idle();
    expect(b.keys().filter((k) => k === 'handoff:ended')).toHaveLength(1);
    await alice.inThread(rootId, { id: 'end-2', value: { action: 'end', ticketId } });
    await harness.teams.idle();
    expect(b.keys().filter((k) => k === 'handoff:ended')).toHaveLength(1);
  });
});
