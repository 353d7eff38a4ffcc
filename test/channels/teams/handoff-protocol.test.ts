import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/policy/index.js';
import { InMemoryOrderService } from '../../../src/services/orders/index.js';
import { agent, buyer, CHANNEL, installInTeam, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
/** Attempts the connector client (@azure/core-rest-pipeline) makes itself before throwing. */
const PIPELINE_ATTEMPTS = 4;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type CardContent = { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: { data?: { action?: string; ticketId?: string } }[] };

function cardOf(body: { attachments?: { content?: unknown }[] }): CardContent | undefined {
  return body.attachments?.[0]?.content as CardContent | undefined;
}

function cardText(card: CardContent | undefined): string {
  return JSON.stringify(card ?? {});
}

describe('Teams handoff over the Bot Framework protocol (real CloudAdapter, local mode)', () => {
  it('posts the handoff card to the agents channel and installs there', async () => {
    h = await startHarness();
    expect(await installInTeam(h)).toBe(200);
    const b = buyer(h);
    expect(await b.say('I want to talk to a human')).toBe(200);
    await h.teams.idle();
    expect(b.keys()).toContain('handoff:queued');
    const posts = h.connector.calls.filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${CHANNEL}/activities`));
    const card = posts.map((p) => cardOf(p.body)).find((c) => c !== undefined);
    expect(card, 'handoff card in the channel').toBeDefined();
    const text = cardText(card);
    expect(text).toContain("Buyer's language");
    expect(text).toContain('English');
    expect(text).toContain('The buyer asked for a person');
    expect(text).toContain('I want to talk to a human');
    expect(card?.actions?.[0]?.data?.action).toBe('accept');
  });

  it('a verified buyer\'s card shows the order, what the policy allows, language, topic and last messages; transcript and queue name the language', async () => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h, undefined, 'zh-CN');
    await b.say('我的订单 111-5820437-6619203 到哪了？');
    await b.say('jennifer.nguyen@example.com');
    await b.say('我要转人工');
    await h.teams.idle();
    expect(b.keys()).toEqual(['verify:askDetail', 'track:delivered', 'handoff:queued']);
    const card = h.connector.calls.filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${CHANNEL}/activities`)).map((p) => cardOf(p.body)).find((c) => c !== undefined);
    const facts = new Map((card?.body ?? []).flatMap((e) => e.facts ?? []).map((f) => [f.title, f.value]));
    const order = await h.assistant.services.orders.findById('111-5820437-6619203');
    const delivered = order?.deliveredAt ?? '';
    expect(delivered).not.toBe('');
    // 30-day return window from delivery (policy default), shown as agents read dates (en, UTC).
    const until = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.parse(delivered) + 30 * 86_400_000));
    expect(Object.fromEntries(facts)).toMatchObject({
      "Buyer's language": 'Chinese',
      Reason: 'The buyer asked for a person',
      // The topic is the flow the buyer was in when they asked for a person (the reason says they asked).
      Topic: 'Track an order',
      Order: '111-5820437-6619203',
      Status: 'Delivered',
      Cancellable: 'No',
      'Returnable until': until,
      Warranty: `Return window until ${until}`,
    });
    const text = cardText(card);
    expect(text).not.toContain('human_agent');
    expect(text).toContain('**Buyer:** 我的订单 111-5820437-6619203 到哪了？');
    expect(text).toContain('**Buyer:** 我要转人工');
    expect(text).toContain('**Bot:** 快递显示订单 111-5820437-6619203');

    const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    await alice.command(`transcript ${ticketId}`);
    const transcript = cardOf(h.connector.calls.at(-1)?.body ?? {});
    expect(transcript?.body.flatMap((e) => e.facts ?? [])).toEqual([{ title: "Buyer's language", value: 'Chinese' }]);
    await alice.command(`transcript ${b.conversationId}`, 'zh-CN');
    expect(cardOf(h.connector.calls.at(-1)?.body ?? {})?.body.flatMap((e) => e.facts ?? [])).toEqual([{ title: '买家语言', value: '中文' }]);
    await alice.command('queue');
    // Order, topic, language and waiting time, then the ticket id: no raw codes.
    expect(cardText(cardOf(h.connector.calls.at(-1)?.body ?? {}))).toContain(`**111-5820437-6619203** · Track an order · Chinese · waiting 0 min · ${ticketId}`);
  });

  it('cards posted in Chinese name the topic, order status and policy in Chinese', async () => {
    h = await startHarness({ agentLang: 'zh' });
    await installInTeam(h);
    const b = buyer(h);
    await b.say('Where is my order 111-5820437-6619203?');
    await b.say('jennifer.nguyen@example.com');
    await b.say('I want to talk to a human');
    await h.teams.idle();
    const card = h.connector.calls.filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${CHANNEL}/activities`)).map((p) => cardOf(p.body)).find((c) => c !== undefined);
    const facts = Object.fromEntries((card?.body ?? []).flatMap((e) => e.facts ?? []).map((f) => [f.title, f.value]));
    expect(facts).toMatchObject({ 买家语言: '英语', 咨询事项: '查询物流', 状态: '已送达', 能否取消: '不可以' });
    expect(facts['保修']).toMatch(/^退货期至 /);
    expect(cardText(card)).toContain('咨询事项：查询物流');
  });

  it('accept (second refused), relay both ways, end; the bot answers again', async () => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h);
    await b.say('I want to talk to a human');
    await h.teams.idle();
    const [ticket] = await h.assistant.services.handoff.queue();
    expect(ticket).toBeDefined();
    const ticketId = ticket?.ticketId ?? '';
    const thread = await h.teams.threads.byTicket(ticketId);
    const rootId = thread?.cardActivityId ?? '';
    expect(rootId).toMatch(/^msg-\d+$/);

    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    const bob = agent(h, { aad: 'aad-bob', name: 'Bob' });
    expect(await alice.inThread(rootId, { value: { action: 'accept', ticketId } })).toBe(200);
    await h.teams.idle();
    expect((await h.assistant.services.handoff.get(ticketId))?.agentName).toBe('Alice');
    expect(b.keys()).toContain('handoff:agentJoined');
    expect(b.texts().join('\n')).toContain('Alice');
    const update = h.connector.calls.find((c) => c.method === 'PUT' && c.path === `/v3/conversations/${CHANNEL}/activities/${rootId}`);
    expect(cardText(cardOf(update?.body ?? {}))).toContain('Accepted by Alice');

    await bob.inThread(rootId, { value: { action: 'accept', ticketId } });
    const refusal = h.connector.calls.at(-1);
    expect(refusal?.path.startsWith(`/v3/conversations/${CHANNEL};messageid=${rootId}/activities`)).toBe(true);
    expect(refusal?.body.text).toBe('Already taken by Alice.');
    expect((await h.assistant.services.handoff.get(ticketId))?.agentName).toBe('Alice');

    // Buyer → thread
    await b.say('the box arrived crushed');
    await h.teams.idle();
    const threadPost = h.connector.calls.find((c) => c.path.startsWith(`/v3/conversations/${CHANNEL};messageid=${rootId}/activities`) && /crushed/.test(c.body.text ?? ''));
    expect(threadPost?.body.text).toBe('Buyer: the box arrived crushed');

    // Agent thread reply → buyer; Bob (not the owner) is refused and nothing reaches the buyer.
    await alice.inThread(rootId, { text: '<at>Assistant</at> Sorry about that, sending a new one today', entities: [{ type: 'mention', mentioned: { id: '28:bot-app', name: 'Assistant' }, text: '<at>Assistant</at>' }] });
    expect(b.texts()).toContain('Alice: Sorry about that, sending a new one today');
    await bob.inThread(rootId, { text: 'hi from bob' });
    expect(b.texts().join('\n')).not.toContain('hi from bob');

    // Canned reply from the card: the buyer gets the key.
    await alice.inThread(rootId, { value: { action: 'canned', ticketId, canned: 'agent:canned.thanksForWaiting' } });
    expect(b.keys()).toContain('agent:canned.thanksForWaiting');

    // End → buyer told, ticket closed, the bot answers again.
    await alice.inThread(rootId, { text: 'end' });
    expect(b.keys().at(-1)).toBe('handoff:ended');
    expect((await h.assistant.services.handoff.get(ticketId))?.state).toBe('closed');
    await b.say('hello');
    expect(b.keys().at(-1)).toBe('common:greeting');
  });

  it('processes a redelivered accept once', async () => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h);
    await b.say('human please');
    await h.teams.idle();
    const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    const thread = await h.teams.threads.byTicket(ticketId);
    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    const activity = { id: 'dup-1', value: { action: 'accept', ticketId } };
    await alice.inThread(thread?.cardActivityId ?? '', activity);
    await alice.inThread(thread?.cardActivityId ?? '', activity);
    await h.teams.idle();
    expect(b.keys().filter((k) => k === 'handoff:agentJoined')).toHaveLength(1);
  });

  it('order lookup in personal chat shows status and what the policy allows (en and zh)', async () => {
    h = await startHarness();
    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    await alice.command('order 111-5820437-6619203');
    const reply = h.connector.calls.at(-1);
    const text = cardText(cardOf(reply?.body ?? {}));
    expect(text).toContain('Order 111-5820437-6619203');
    expect(text).toContain('Delivered');
    expect(text).toContain('Returnable until');
    expect(text).toContain('Return window until');
    await alice.command('订单 113-4829106-7730215', 'zh-CN');
    const zh = cardText(cardOf(h.connector.calls.at(-1)?.body ?? {}));
    expect(zh).toContain('订单 113-4829106-7730215');
    expect(zh).toContain('可以，买家仍可自行取消');
    await alice.command('order 999-0000000-0000000');
    expect(h.connector.calls.at(-1)?.body.text).toBe('There is no order 999-0000000-0000000.');
  });

  it('queue, transcript and approve commands', async () => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h);
    await b.say('human please');
    await h.teams.idle();
    const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    await alice.command('queue');
    expect(cardText(cardOf(h.connector.calls.at(-1)?.body ?? {}))).toContain(ticketId);
    await alice.command(`transcript ${ticketId}`);
    expect(cardText(cardOf(h.connector.calls.at(-1)?.body ?? {}))).toContain('human please');
    await alice.command(`approve ${ticketId}`);
    await h.teams.idle();
    expect(h.connector.calls.some((c) => c.body.text === `Exception approved for ${ticketId}; the buyer has been told.`)).toBe(true);
    expect(b.keys()).toContain('agent:canned.exceptionApproved');
    expect((await h.assistant.services.handoff.get(ticketId))?.approvals?.[0]?.agentName).toBe('Alice');
  });

  describe('approving a policy exception executes it', () => {
    // A seller-side cancel (past the buyer's 30-minute window) needs an agent's approval.
    const policy = { ...DEFAULT_POLICY, sellerCancelNeedsApproval: true };
    const ORDER = '120-1936572-4408817'; // unshipped for 2 days (demo data)

    for (const [lang, locale, ask, cancelled] of [
      ['en', 'en-US', `Please cancel order ${ORDER}`, `cancelled order ${ORDER}`],
      ['zh', 'zh-CN', `请帮我取消订单 ${ORDER}`, `订单 ${ORDER} 已取消`],
    ] as const) {
      it(`${lang} buyer: the card shows the pending cancel; approving cancels once and the buyer is told in their language`, async () => {
        h = await startHarness({}, { policy });
        await installInTeam(h);
        const b = buyer(h, undefined, locale);
        await b.say(ask);
        await b.say('oliver.bennett@example.co.uk');
        await h.teams.idle();
        expect(b.keys()).toEqual(['verify:askDetail', 'cancel:needsApproval', 'handoff:queued']);
        const ticket = (await h.assistant.services.handoff.queue())[0];
        const ticketId = ticket?.ticketId ?? '';
        expect(ticket?.pending).toEqual({ kind: 'cancel', orderId: ORDER, by: 'seller', reason: 'buyer_request' });
        const posted = h.connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${CHANNEL}/activities`)).map((p) => cardOf(p.body)).find((c) => c !== undefined);
        expect(cardText(posted)).toContain(`Needs approval: cancel order ${ORDER}`);
        const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
        await alice.command(`order ${ORDER}`);
        expect(cardText(cardOf(h.connector.calls.at(-1)?.body ?? {}))).toContain(`Cancel order ${ORDER} (ticket ${ticketId}`);
        expect((await h.assistant.services.orders.findById(ORDER))?.status).toBe('unshipped');

        const cancel = vi.spyOn(h.assistant.services.orders, 'cancel');
        await alice.command(`approve ${ticketId}`);
        await h.teams.idle();
        expect(h.connector.calls.some((c) => c.body.text === `Approved for ${ticketId}: order ${ORDER} is cancelled and the buyer has been told.`)).toBe(true);
        const order = await h.assistant.services.orders.findById(ORDER);
        expect(order).toMatchObject({ status: 'cancelled', cancelledBy: 'seller', cancelReason: 'buyer_request' });
        expect(b.keys().filter((k) => k === 'handoff:approval.cancelled')).toHaveLength(1);
        expect(b.keys()).not.toContain('agent:canned.exceptionApproved');
        expect(b.texts().some((t) => t.includes(cancelled))).toBe(true);
        expect((await h.assistant.services.handoff.get(ticketId))?.pendingOutcome?.outcome).toBe('cancelled');
        // The card now tells agents what the approval did.
        const updates = h.connector.calls.filter((c) => c.method === 'PUT').map((c) => cardText(cardOf(c.body)));
        expect(updates.some((u) => u.includes(`Approved: order ${ORDER} cancelled`))).toBe(true);

        // A second approval (retry, double click) changes nothing and tells the buyer nothing new.
        await alice.command(`approve ${ticketId}`);
        await h.teams.idle();
        expect(cancel).toHaveBeenCalledTimes(1);
        expect(cancel.mock.calls[0]?.[1].idempotencyKey).toContain(ticketId);
        expect(b.keys().filter((k) => k === 'handoff:approval.cancelled')).toHaveLength(1);
      });
    }

    it('an order system failure during the approval changes nothing and tells nobody; approving again cancels', async () => {
      h = await startHarness({}, { policy });
      await installInTeam(h);
      const b = buyer(h);
      await b.say(`cancel order ${ORDER}`);
      await b.say('oliver.bennett@example.co.uk');
      await h.teams.idle();
      const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
      const orders = h.assistant.services.orders;
      const cancel = vi.spyOn(orders, 'cancel').mockRejectedValueOnce(new Error('order system down'));
      const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
      await alice.command(`approve ${ticketId}`);
      await h.teams.idle();
      expect(h.connector.calls.some((c) => c.body.text === `Could not cancel order ${ORDER} for ${ticketId}: the order system did not answer. Nothing was changed; approve again to retry.`)).toBe(true);
      expect((await orders.findById(ORDER))?.status).toBe('unshipped');
      expect(b.keys().some((k) => k?.startsWith('handoff:approval.'))).toBe(false);
      expect((await h.assistant.services.handoff.get(ticketId))?.pendingOutcome).toBeUndefined();
      await alice.command(`approve ${ticketId}`);
      await h.teams.idle();
      expect(cancel).toHaveBeenCalledTimes(2);
      expect((await orders.findById(ORDER))?.status).toBe('cancelled');
      expect(b.keys().filter((k) => k === 'handoff:approval.cancelled')).toHaveLength(1);
    });

    it('an order that shipped before the approval is not cancelled; the buyer is told why', async () => {
      h = await startHarness({}, { policy });
      await installInTeam(h);
      const b = buyer(h, undefined, 'zh-CN');
      await b.say(`取消订单 ${ORDER}`);
      await b.say('oliver.bennett@example.co.uk');
      await h.teams.idle();
      const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
      const orders = h.assistant.services.orders;
      if (!(orders instanceof InMemoryOrderService)) throw new Error('the harness uses the embedded order store');
      const current = await orders.findById(ORDER);
      if (!current) throw new Error('demo order missing');
      await orders.upsertOrders([{ ...current, status: 'shipped', shippedAt: new Date().toISOString(), carrier: 'Royal Mail', trackingNumber: 'RM123' }]);
      const cancel = vi.spyOn(orders, 'cancel');
      await agent(h, { aad: 'aad-alice', name: 'Alice' }).command(`approve ${ticketId}`);
      await h.teams.idle();
      expect(cancel).not.toHaveBeenCalled();
      expect((await orders.findById(ORDER))?.status).toBe('shipped');
      expect(b.keys()).toContain('handoff:approval.shippedMeanwhile');
      expect(b.keys()).not.toContain('handoff:approval.cancelled');
    });
  });

  it('a throttled card post (429 + Retry-After) is retried and arrives once', async () => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h);
    await b.say('hello');
    // The next outbound call is the handoff card (posted after the buyer's reply).
    const before = h.connector.calls.length;
    h.connector.failNext(1, 429, { 'Retry-After': '1' });
    await h.assistant.services.handoff.request({
      conversationId: b.conversationId, lang: 'zh', reason: 'asked', summary: [], actions: [], idempotencyKey: 'k1', now: new Date().toISOString(),
    });
    await h.teams.idle();
    const cardPosts = h.connector.calls.slice(before).filter((c) => c.path.startsWith(`/v3/conversations/${CHANNEL}/activities`) && cardOf(c.body));
    expect(cardPosts).toHaveLength(1);
    expect(cardText(cardOf(cardPosts[0]?.body ?? {}))).toContain('Chinese');
  });

  it('our retry layer honours Retry-After when the connector client gives up, and is bounded', async () => {
    h = await startHarness();
    await installInTeam(h);
    const before = h.connector.calls.length;
    h.connector.failNext(PIPELINE_ATTEMPTS, 429, { 'Retry-After': '0' });
    await h.assistant.services.handoff.request({ conversationId: 'c-429', lang: 'en', reason: 'asked', summary: [], actions: [], idempotencyKey: 'k2', now: new Date().toISOString() });
    await h.teams.idle();
    expect(h.sleeps).toEqual([0]);
    expect(h.connector.calls.slice(before).filter((c) => cardOf(c.body))).toHaveLength(1);

    // Always throttled: gives up after the configured attempts (3), nothing posted, the queue still has the ticket.
    h.connector.failNext(PIPELINE_ATTEMPTS * 3, 429, { 'Retry-After': '0' });
    const n = h.connector.calls.length;
    await h.assistant.services.handoff.request({ conversationId: 'c-504', lang: 'en', reason: 'asked', summary: [], actions: [], idempotencyKey: 'k3', now: new Date().toISOString() });
    await h.teams.idle();
    expect(h.connector.calls.length).toBe(n);
    expect((await h.assistant.services.handoff.queue()).some((t) => t.conversationId === 'c-504')).toBe(true);
    expect(h.assistant.logLines.some((l) => l.msg === 'posting to the agents channel failed')).toBe(true);
  });
});

/** Canned replies as written in the locale files (not through the renderer under test). */
function cannedText(lang: 'en' | 'zh', name: string): string {
  const json = JSON.parse(readFileSync(new URL(`../../../locales/${lang}/agent.json`, import.meta.url), 'utf8')) as { canned: Record<string, string> };
  const text = json.canned[name];
  if (!text) throw new Error(`no canned reply ${name} in ${lang}`);
  return text;
}

describe('canned replies cross languages: the agent picks in theirs, the buyer reads theirs', () => {
  it.each([
    { agentLocale: 'en-US', agentLang: 'en', buyerLocale: 'zh-CN', buyerLang: 'zh', ask: '我要转人工', command: 'canned' },
    { agentLocale: 'zh-CN', agentLang: 'zh', buyerLocale: 'en-US', buyerLang: 'en', ask: 'I want to talk to a human', command: '快捷回复' },
  ] as const)('agent $agentLang → buyer $buyerLang', async ({ agentLocale, agentLang, buyerLocale, buyerLang, ask, command }) => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h, undefined, buyerLocale);
    await b.say(ask);
    await h.teams.idle();
    const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    const rootId = (await h.teams.threads.byTicket(ticketId))?.cardActivityId ?? '';
    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    await alice.inThread(rootId, { value: { action: 'accept', ticketId }, locale: agentLocale });
    await h.teams.idle();
    // The canned card offers the replies in the agent's language…
    await alice.inThread(rootId, { text: command, locale: agentLocale });
    const card = cardOf(h.connector.calls.at(-1)?.body ?? {});
    const choices = (card?.body.find((e) => e.type === 'Input.ChoiceSet') as { choices?: { title: string; value: string }[] } | undefined)?.choices ?? [];
    const askPhoto = choices.find((c) => c.value === 'agent:canned.askPhoto');
    expect(askPhoto?.title).toBe(cannedText(agentLang, 'askPhoto'));
    // …and the picked one reaches the buyer in the buyer's language.
    await alice.inThread(rootId, { value: { action: 'canned', ticketId, canned: askPhoto?.value }, locale: agentLocale });
    expect(b.keys().at(-1)).toBe('agent:canned.askPhoto');
    expect(b.texts().at(-1)).toBe(cannedText(buyerLang, 'askPhoto'));
    expect(b.texts().at(-1)).not.toBe(cannedText(agentLang, 'askPhoto'));
  });
});

describe('a bad gateway between the bot and Teams', () => {
  it('502 (with Retry-After) until the connector client gives up, then 200: our layer waits as told and the card arrives once', async () => {
    h = await startHarness();
    await installInTeam(h);
    const before = h.connector.calls.length;
    // The connector client retries 5xx itself (with its own back-off, ~6 s); then our layer sees the 502.
    h.connector.failNext(PIPELINE_ATTEMPTS, 502, { 'Retry-After': '0' });
    await h.assistant.services.handoff.request({ conversationId: 'c-502', lang: 'zh', reason: 'asked', summary: [], actions: [], idempotencyKey: 'k502', now: new Date().toISOString() });
    await h.teams.idle();
    expect(h.connector.failuresServed()).toBe(PIPELINE_ATTEMPTS);
    expect(h.sleeps).toEqual([0]);
    const cards = h.connector.calls.slice(before).filter((c) => cardOf(c.body));
    expect(cards).toHaveLength(1);
    expect(cardText(cardOf(cards[0]?.body ?? {}))).toContain('Chinese');
  }, 20_000);
});

describe('agent commands that fail clearly', () => {
  it('names the missing ticket and explains unknown commands', async () => {
    h = await startHarness();
    const alice = agent(h, { aad: 'aad-alice', name: 'Alice' });
    await alice.command('accept HO-NOPE');
    expect(h.connector.calls.at(-1)?.body.text).toBe('There is no ticket HO-NOPE.');
    await alice.command('dance');
    expect(h.connector.calls.at(-1)?.body.text).toBe('I didn\'t recognise that command. Type "help" for the list.');
    await alice.command('帮助', 'zh-CN');
    expect(h.connector.calls.at(-1)?.body.text).toMatch(/^可用命令/);
  });
});
