import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseBuyer } from '../../src/security/erase-buyer.js';
import { MemoryStorage } from '../../src/state/storage.js';
import { createConversationStore } from '../../src/state/conversation-store.js';
import { MemoryTranscriptStore } from '../../src/state/transcript-store.js';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { BOT, CHANNEL, startConnector, TENANT, type FakeConnector } from '../channels/teams/harness.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

const run = promisify(execFile);
const ON_TIME = '112-7051384-2296640';
const EMAIL = 'marcus.johnson@example.net';
const DELIVERED = '111-5820437-6619203';
const JENNIFER = 'jennifer.nguyen@example.com';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('eraseBuyer (memory backend)', () => {
  it('erases by conversation id and by email, leaving other buyers alone', async () => {
    const storage = new MemoryStorage();
    const transcripts = new MemoryTranscriptStore();
    const store = createConversationStore(storage);
    const record = (snapshot: unknown) => ({ snapshot, lang: 'en' as const, langPinned: false, createdAt: 'a', updatedAt: 'a', turns: 1 });
    await store.save('mine-1', record({ context: { email: 'Marcus.Johnson@example.net' } }), undefined);
    await store.save('mine-2', record({}), undefined);
    await transcripts.append('mine-2', [{ at: 'a', from: 'buyer', text: `where is ${ON_TIME}` }]);
    await store.save('other', record({ context: { email: 'someone@else.example' } }), undefined);
    await transcripts.append('other', [{ at: 'a', from: 'buyer', text: 'hello' }]);
    const report = await eraseBuyer({ email: EMAIL, orderIds: [ON_TIME] }, { storage, transcripts });
    expect(report.conversations.sort()).toEqual(['mine-1', 'mine-2']);
    expect(report.erased).toMatchObject({ records: 2, transcripts: 1, handoffTickets: 0 });
    expect((await store.load('mine-1')).record).toBeUndefined();
    expect(await transcripts.list('mine-2')).toEqual([]);
    expect((await store.load('other')).record).toBeDefined();
    expect(await transcripts.list('other')).toHaveLength(1);
    await eraseBuyer({ conversationId: 'other' }, { storage, transcripts });
    expect((await store.load('other')).record).toBeUndefined();
  });
});

describe('npm run erase-buyer on Redis with DATA_DIR', () => {
  let cluster: AppCluster;
  let connector: FakeConnector;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'asa-erase-'));
    connector = await startConnector();
    cluster = await startAppCluster(1, { dataDir, widgetAllowedOrigins: ['*'], teamsAllowedTenants: [TENANT] });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await connector?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const redis = (args: string[]) => cluster.instances[0]!.assistant.redis!.commander.sendCommand(args);
  async function keys(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const reply = (await redis(['SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000'])) as [string, string[]];
      cursor = reply[0];
      found.push(...reply[1]);
    } while (cursor !== '0');
    return found;
  }
  const exists = (path: string) => access(path).then(() => true, () => false);

  it('erases every kind of data the buyer left (state, transcript, handoff, Teams, complaints, effect results, label PDF, photo) and keeps others', async () => {
    const { url, assistant } = cluster.instances[0]!;
    // Agents' channel in Teams (local connector), so the handoff gets a card and a thread.
    await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'conversationUpdate', id: randomUUID(), channelId: 'msteams', serviceUrl: connector.url, recipient: BOT, membersAdded: [{ id: BOT.id, name: BOT.name }], from: { id: '29:admin', name: 'Admin' }, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' }, channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } } }),
    });

    // Conversation A: a return with a label, a complaint, a handoff with a relayed message.
    const a = httpChat(url, `erase-${randomUUID()}`, { serviceUrl: connector.url });
    await a.say(`I want to return order ${DELIVERED}`);
    const items = (await a.say(JENNIFER)).replies;
    expect(items.map((r) => r.key)).toEqual(['returns:askItems']);
    const pick = async (replies: ChatReply[], choice: string) => {
      const i = replies.flatMap((r) => r.choices).findIndex((c) => (c.value as { choice?: string }).choice === choice);
      const reply = replies.find((r) => r.choices.length > 0);
      if (!reply || i < 0) throw new Error(`no choice ${choice} in ${replies.map((r) => r.key).join(',')}`);
      return (await a.choose(reply, i)).replies;
    };
    const sku = (await assistant.services.orders.findById(DELIVERED))?.items[0]?.sku ?? '';
    const reasons = await pick(items, `item:${sku}`);
    // The seller's fault: issued as soon as the reason is known.
    const label = await pick(reasons, 'reason:defective');
    expect(label.map((r) => r.key)).toEqual(['returns:labelReady.seller']);
    const rma = /RMA-[A-Z2-7]{10}/.exec(label[0]?.text ?? '')?.[0] ?? '';
    // With REDIS_URL the label PDF and the complaint list live in Redis, shared by every instance.
    const labelKey = `asa:{label:${rma}}:pdf`;
    expect(await redis(['EXISTS', labelKey])).toBe(1);
    const complaint = (await a.say(`I'm really unhappy, the speaker from order ${DELIVERED} arrived broken and the box was crushed`)).replies.map((r) => r.key);
    expect(complaint).toContain('complaint:recorded.product_quality');
    expect((await assistant.services.complaints.list({ conversationId: a.conversationId })).length).toBe(1);
    const handoff = (await a.say('Can I talk to a real person please')).replies.map((r) => r.key);
    expect(handoff.some((k) => /^handoff:(queued|afterHours)$/.test(k ?? ''))).toBe(true);
    await a.say('the box is still in my hallway');
    await assistant.teams?.idle();
    const [ticket] = await assistant.services.handoff.byConversation(a.conversationId);
    expect(ticket?.buyerMessages?.length ?? 0).toBeGreaterThan(0);
    const ticketId = ticket?.ticketId ?? '';
    const thread = await assistant.teams?.threads.byTicket(ticketId);
    expect(thread).toBeDefined();
    // An agent answers: the agent turn is remembered (effect result) for redeliveries.
    await assistant.teams?.actions.accept(ticketId, { id: 'alice', name: 'Alice' }, 'evt-accept');
    await assistant.teams?.actions.say(ticketId, { id: 'alice', name: 'Alice' }, { text: 'I will send you a courier' }, 'evt-say', 'tab');
    await assistant.teams?.idle();

    // Conversation B: the widget, a photo of the damage.
    const gen = (await (await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}`, origin: url, 'content-type': 'application/json' }, body: '{}' });
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', text: `photo of the broken speaker, order ${DELIVERED}`, from: { id: 'x' } })], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'speaker.png');
    expect((await fetch(`${url}/v3/directline/conversations/${gen.conversationId}/upload?userId=x`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}` }, body: form })).status).toBe(200);
    const uploads = await readdir(join(dataDir, 'uploads'));
    expect(uploads).toHaveLength(1);
    const photo = uploads[0] ?? '';
    expect(await exists(join(dataDir, 'uploads', photo))).toBe(true);

    // Another buyer, left alone.
    const other = httpChat(url, `keep-${randomUUID()}`, { serviceUrl: connector.url });
    await other.say('hello');

    // References live in the records now: no buyer turn wrote a key of its own. A key an earlier
    // version left behind (`teams:ref:<conv>`) is still erased with its conversation.
    expect(await keys('asa:*teams:ref:*')).toEqual([]);
    expect((await assistant.store.load(a.conversationId)).record?.reference).toMatchObject({ serviceUrl: connector.url, conversation: { id: a.conversationId } });
    expect((await assistant.store.load(gen.conversationId)).record?.reference).toMatchObject({ conversation: { id: gen.conversationId } });
    await redis(['SET', `asa:teams:ref:${a.conversationId}`, JSON.stringify({ channelId: 'test', serviceUrl: connector.url, conversation: { id: a.conversationId } })]);
    await redis(['SET', `asa:teams:ref:${other.conversationId}`, JSON.stringify({ channelId: 'test', serviceUrl: connector.url, conversation: { id: other.conversationId } })]);

    const before = {
      conv: await keys(`asa:{conv:${a.conversationId}}:*`),
      effects: (await keys('asa:*:idem:*')).filter((k) => k.includes(a.conversationId)),
    };
    expect(before.conv.length).toBeGreaterThan(0);
    expect(before.effects.length).toBeGreaterThan(0);

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/erase-buyer.ts', JENNIFER], {
      env: { ...process.env, REDIS_URL: cluster.redis.url, REDIS_KEY_PREFIX: 'asa', DATA_DIR: dataDir },
    });
    const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { backend: string; conversations: string[]; erased: Record<string, number> };
    expect(report.backend).toBe('redis');
    expect(report.conversations.sort()).toEqual([a.conversationId, gen.conversationId].sort());
    expect(report.erased).toMatchObject({ records: 2, transcripts: 2, handoffTickets: 1, teamsReferences: 1, teamsThreads: 1, complaints: 1, labels: 1, uploads: 1 });
    expect(report.erased.handoffMessages).toBeGreaterThan(0);
    expect(report.erased.effectResults).toBeGreaterThanOrEqual(before.effects.length);

    // State, transcripts, widget streams.
    for (const id of [a.conversationId, gen.conversationId]) {
      expect(await keys(`asa:{conv:${id}}:*`)).toEqual([]);
      expect(await assistant.transcripts.list(id)).toEqual([]);
      expect(await redis(['GET', `asa:teams:ref:${id}`])).toBeNull();
    }
    // Handoff ticket, relayed messages, indexes, idempotency keys; the Teams thread and its root index.
    expect(await redis(['EXISTS', `asa:{handoff}:ticket:${ticketId}`, `asa:{handoff}:messages:${ticketId}`, `asa:{handoff}:conversation:${a.conversationId}`])).toBe(0);
    expect(await redis(['ZSCORE', 'asa:{handoff}:open', ticketId])).toBeNull();
    expect(await redis(['ZSCORE', 'asa:{handoff}:waiting', ticketId])).toBeNull();
    expect(await keys(`asa:{handoff}:key:${a.conversationId}:*`)).toEqual([]);
    expect(await redis(['EXISTS', `asa:teams:thread:${ticketId}`, `asa:teams:thread-root:${thread?.cardActivityId ?? ''}`])).toBe(0);
    // Remembered effect results (orders, complaints, agent turns) naming the conversation.
    expect((await keys('asa:*:idem:*')).filter((k) => k.includes(a.conversationId) || k.includes(gen.conversationId))).toEqual([]);
    // Files under DATA_DIR.
    const complaints = ((await redis(['HVALS', 'asa:{complaints}:records'])) as string[]).map((c) => JSON.parse(c) as { conversationId: string });
    expect(complaints.filter((c) => c.conversationId === a.conversationId)).toEqual([]);
    expect(await keys(`asa:{complaints}:key:${a.conversationId}:*`)).toEqual([]);
    const effects = await readFile(join(dataDir, 'orders', 'orders-idempotency.json'), 'utf8').catch(() => '{}');
    expect(effects).not.toContain(a.conversationId);
    expect(await redis(['EXISTS', labelKey])).toBe(0);
    expect(await exists(join(dataDir, 'uploads', photo))).toBe(false);

    // The other buyer is untouched.
    expect((await assistant.store.load(other.conversationId)).record?.reference).toMatchObject({ conversation: { id: other.conversationId } });
    expect(await redis(['GET', `asa:teams:ref:${other.conversationId}`])).not.toBeNull();
  }, 60_000);
});
