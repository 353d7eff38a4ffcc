import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/state/file-storage.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';
import { press } from './quick-replies.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Shop questions the knowledge base has no answer for (the classifier still files them as FAQ). */
const UNANSWERED = { en: 'Do you sell bicycles?', zh: '有卖电动车的吗' } as const;

describe.each(LANGS)('root routing (%s)', (lang) => {
  const p = PHRASES[lang];

  it('a shop question without an answer says so in words and offers a person, who can be reached from there', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(UNANSWERED[lang])).toEqual(['faq:noMatch']);
    const [sentence] = c.texts();
    expect(sentence).not.toMatch(/noMatch/);
    expect(sentence?.length).toBeGreaterThan(10);
    expect(c.choices()).toEqual(['intent:human_agent']);
    expect(await press(c, 'intent:human_agent')).toEqual([expect.stringMatching(/^handoff:(queued|afterHours)$/)]);
    const [ticket] = await h.assistant.services.handoff.byConversation(c.id);
    expect(ticket).toMatchObject({ reason: 'asked', lang, state: 'queued' });
  });

  it('uses the order number given in the first message without asking for it again', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.track(DEMO.onTime.id))).toEqual(['verify:askDetail']);
  });

  it('carries the verified order across flows: tracking then a return asks no verification again', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.track(DEMO.delivered31d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered31d.id))).toEqual(['track:delivered']);
    expect(await c.choose('no')).toEqual(['track:glad']);
    expect(await c.say(p.returnItem(DEMO.delivered31d.id))).toEqual(['returns:askReason']);
  });

  it('switches topic mid-flow when the buyer clearly asks for something else', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(await c.say(p.track(DEMO.justPlaced.id))).toEqual(['track:notShipped']);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('unshipped');
  });

  it("a later flow's own handoff gives the agent that flow as the topic, not the one switched away from", async () => {
    const g = await harness();
    const c = g.chat();
    await c.say(p.track(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(g, DEMO.delivered5d.id))).toEqual(['track:delivered']);
    // Still in the tracking flow (it asks whether the parcel arrived): a complaint switches away from it.
    const keys = await c.say(p.complainReview);
    expect(keys.slice(0, 2)).toEqual(['complaint:sorry', 'complaint:severeReview']);
    const [ticket] = await g.assistant.services.handoff.byConversation(c.id);
    expect(ticket).toMatchObject({ reason: 'severe_complaint', intent: 'complaint' });
  });

  it('leaving a flow for a person tells the agent what the buyer was doing', async () => {
    const g = await harness();
    const c = g.chat();
    await c.say(p.track(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(g, DEMO.delivered5d.id))).toEqual(['track:delivered']);
    expect((await c.say(p.agent))[0]).toMatch(/^handoff:(queued|afterHours)$/);
    const [ticket] = await g.assistant.services.handoff.byConversation(c.id);
    expect(ticket).toMatchObject({ reason: 'asked', intent: 'track_order' });
  });

  it('"never mind" stops the flow and changes nothing', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(await c.say(p.neverMind)).toEqual(['common:aborted']);
    expect(await c.say(p.yes)).not.toContain('cancel:done');
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('unshipped');
  });

  it('answers an FAQ question in passing without losing the flow', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    const faq = await c.say(p.shippingQuestion);
    // The knowledge base answers, then the flow asks its question again.
    expect(faq).toEqual(['presales:kb', 'cancel:confirm']);
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
  });

  it('offers a person after two misunderstandings in a row', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.gibberish)).toEqual([expect.stringMatching(/^common:(fallback|outOfScope)$/)]);
    expect(await c.say(p.gibberish2)).toEqual(['common:offerAgent']);
    expect(c.choices()).toEqual(['intent:human_agent', 'intent:none']);
  });

  it('a flow left for over an hour is closed and the new message is handled fresh', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    h.clock.advanceMinutes(90);
    expect(await c.say(p.hello)).toEqual(['common:flowExpired', 'common:greeting']);
  });

  it('locks verification after five wrong details, with the same reply for unknown orders', async () => {
    const h = await harness();
    const c = h.chat();
    const fake = '199-0000000-0000000';
    await c.say(p.track(fake));
    const unknown = await c.say('nobody@example.org');
    await c.say(p.track(DEMO.onTime.id));
    const wrong = await c.say('nobody@example.org');
    expect(wrong).toEqual(unknown);
    expect(unknown).toEqual(['verify:noMatch']);
    for (let i = 0; i < 2; i++) {
      await c.say(DEMO.onTime.id);
      await c.say('nobody@example.org');
    }
    await c.say(DEMO.onTime.id);
    expect(await c.say('nobody@example.org')).toEqual(['verify:locked']);
    // Even the right details are refused while locked.
    await c.say(p.track(DEMO.onTime.id));
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['verify:locked']);
  });

  it('hands off to a person, relays both ways, and the bot takes over again when the agent ends', async () => {
    const h = await harness();
    const c = h.chat();
    const queued = await c.say(p.agent);
    expect(queued).toEqual([expect.stringMatching(/^handoff:(queued|afterHours)$/)]);
    const [ticket] = await h.assistant.services.handoff.queue();
    expect(ticket?.lang).toBe(lang);
    expect(await c.say(p.complainShort)).toEqual(['handoff:noted']);
    expect((await h.assistant.services.handoff.get(ticket?.ticketId ?? ''))?.buyerMessages.map((m) => m.text)).toEqual([p.complainShort]);
    const runAgent = (agent: Parameters<typeof h.assistant.runner.run>[0]['agent']) =>
      h.assistant.runner.run({ conversationId: c.id, activityId: `agent-${Math.random()}`, kind: 'agent', ...(agent ? { agent } : {}) });
    expect((await runAgent({ type: 'agent.joined', agentName: 'Mei' })).replies.map((r) => r.key)).toEqual(['handoff:agentJoined']);
    const canned = await runAgent({ type: 'agent.said', key: 'common:thanks' });
    expect(canned.lang).toBe(lang);
    expect(canned.replies.map((r) => r.key)).toEqual(['common:thanks']);
    expect(await c.say(p.hello)).toEqual([]);
    expect((await runAgent({ type: 'agent.ended' })).replies.map((r) => r.key)).toEqual(['handoff:ended']);
    expect(await c.say(p.hello)).toEqual(['common:greeting']);
  });
});

describe.each(LANGS)('waiting for a person (%s)', (lang) => {
  const p = PHRASES[lang];

  it('"never mind" while queued withdraws the request instead of leaving a ticket behind', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.agent);
    expect(await c.say(p.neverMind)).toEqual(['handoff:withdrawn']);
    const [ticket] = await h.assistant.services.handoff.byConversation(c.id);
    expect(ticket?.state).toBe('withdrawn');
    expect(await h.assistant.services.handoff.queue()).toEqual([]);
    expect(await c.say(p.hello)).toEqual(['common:greeting']);
  });

  it('a buyer who comes back hours later while still queued reaches the same ticket', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.agent);
    h.clock.advanceMinutes(240);
    expect(await c.say(p.complainShort)).toEqual(['handoff:noted']);
    const [ticket] = await h.assistant.services.handoff.byConversation(c.id);
    expect(ticket?.buyerMessages.map((m) => m.text)).toEqual([p.complainShort]);
  });
});

describe('restart in the middle of a flow', () => {
  it('persists the snapshot, recreates the process, and the conversation continues where it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asa-restart-flow-'));
    dirs.push(dir);
    const first = await harness({ storage: new FileStorage(dir), config: { dataDir: join(dir, 'data') } });
    const c1 = first.chat('restart-flow');
    await c1.say(PHRASES.zh.cancel(DEMO.justPlaced.id));
    expect(await c1.say(await emailOf(first, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);

    // A new process: new assistant, new machines, same storage and data directory.
    const second = await harness({ storage: new FileStorage(dir), config: { dataDir: join(dir, 'data') } });
    const c2 = second.chat('restart-flow');
    expect(await c2.say(PHRASES.zh.yes)).toEqual(['cancel:done']);
    expect(c2.last?.lang).toBe('zh');
    expect((await second.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('cancelled');
  });
});
