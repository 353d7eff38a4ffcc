/**
 * Each after-sales flow completed over plain HTTP against the real server (CloudAdapter, expectReplies),
 * on the embedded demo orders: what a script or the Emulator would do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { testAssistant } from '../support/assistant.js';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { DEMO } from '../support/transcript.js';
import type { Assistant } from '../../src/app.js';

let running: RunningServer;
let assistant: Assistant;
beforeAll(async () => {
  assistant = await testAssistant({});
  running = await listen(assistant.app, 0, '127.0.0.1');
  assistant.setPublicBaseUrl(running.url);
});
afterAll(async () => {
  await running.close();
  await assistant.close();
});

const keys = (r: { replies: ChatReply[] }) => r.replies.map((x) => x.key);
const choice = (r: { replies: ChatReply[] }, id: string) => {
  for (const reply of r.replies) {
    const i = reply.choices.findIndex((c) => (c.value as { choice?: string }).choice === id);
    if (i >= 0) return { reply, i };
  }
  throw new Error(`no choice ${id} in ${keys(r).join(',')}`);
};
const email = async (id: string) => (await assistant.services.orders.findById(id))?.buyerEmail ?? 'missing';

describe('scripted conversations over /api/messages', () => {
  it('where is my order', async () => {
    const chat = httpChat(running.url);
    expect(keys(await chat.say(`where is my package? order ${DEMO.onTime.id}`))).toEqual(['verify:askDetail']);
    const status = await chat.say(await email(DEMO.onTime.id));
    expect(keys(status)).toEqual(['track:onTime']);
    expect(status.replies[0]?.activity.attachments?.length).toBe(1);
  });

  it('cancel an order', async () => {
    const chat = httpChat(running.url);
    await chat.say(`cancel order ${DEMO.justPlaced.id}`);
    expect(keys(await chat.say(await email(DEMO.justPlaced.id)))).toEqual(['cancel:confirm']);
    const confirm = await chat.say('yes');
    expect(keys(confirm)).toEqual(['cancel:done']);
    expect((await assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('cancelled');
  });

  it('change the address of a shipped order (carrier redirect)', async () => {
    const chat = httpChat(running.url);
    await chat.say(`I moved, please change the delivery address of ${DEMO.onTime.id}`);
    const options = await chat.say(await email(DEMO.onTime.id));
    expect(keys(options)).toEqual(['address:shippedMinusShipping']);
    const { reply, i } = choice(options, 'redirect');
    expect(keys(await chat.choose(reply, i))).toEqual(['address:askRedirect']);
    expect(keys(await chat.say('55 Elm Street, Springfield, IL 62704'))).toEqual(['address:confirmNew']);
    expect(keys(await chat.say('yes'))).toEqual(['address:redirectRequested']);
  });

  it('return with a printable label that downloads as a PDF', async () => {
    const chat = httpChat(running.url);
    await chat.say(`我想退货 ${DEMO.cheapDamaged.id}`);
    const reason = await chat.say(await email(DEMO.cheapDamaged.id));
    expect(keys(reason)).toEqual(['returns:askReason']);
    const damaged = choice(reason, 'reason:damaged');
    const offer = await chat.choose(damaged.reply, damaged.i);
    expect(keys(offer)).toEqual(['returns:offerSellerPays']);
    const refund = choice(offer, 'opt:refund');
    const done = await chat.choose(refund.reply, refund.i);
    expect(keys(done)).toEqual(['returns:labelReady.seller']);
    expect(done.replies[0]?.text).toMatch(/退货单号 RMA-/);
    const url = /https?:\/\/\S+?\.pdf/.exec(done.replies[0]?.text ?? '')?.[0];
    expect(url?.startsWith(running.url)).toBe(true);
    const pdf = await fetch(url ?? '');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('complaint about a damaged item, then the buyer asks for a person', async () => {
    const chat = httpChat(running.url);
    const recorded = await chat.say(`The speaker from order ${DEMO.delivered5d.id} arrived broken and the box was crushed, really disappointed`);
    expect(keys(recorded)).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    const agent = choice(recorded, 'intent:human_agent');
    expect(keys(await chat.choose(agent.reply, agent.i))[0]).toMatch(/^handoff:(queued|afterHours)$/);
    expect((await assistant.services.handoff.queue()).some((t) => t.conversationId === chat.conversationId)).toBe(true);
  });
});
