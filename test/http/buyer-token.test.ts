/**
 * A signed-in buyer (the host page's signed buyer token in channelData.buyerToken, as the widget
 * sends it) over /api/messages: their orders are listed, or the order they name is verified, without
 * being asked for an email or postal code. An expired token, one signed with another secret, or one
 * naming somebody else falls back to normal verification and discloses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import type { Assistant } from '../../src/app.js';
import { signBuyerToken } from '../../src/services/verification/index.js';
import { testAssistant } from '../support/assistant.js';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { DEMO } from '../support/transcript.js';
import { LANGS, PHRASES } from '../transcripts/phrases.js';

const SECRET = 'host-page-secret-that-is-at-least-32-bytes';
const OTHER_SECRET = 'some-other-secret-that-is-at-least-32-bytes';
const WHERE_IS_MY_ORDER = { en: 'Where is my order?', zh: '我的订单到哪了？' };

let running: RunningServer;
let assistant: Assistant;
beforeAll(async () => {
  assistant = await testAssistant({ buyerTokenSecret: SECRET });
  running = await listen(assistant.app, 0, '127.0.0.1');
  assistant.setPublicBaseUrl(running.url);
});
afterAll(async () => {
  await running?.close();
  await assistant?.close();
});

const keys = (r: { replies: ChatReply[] }) => r.replies.map((x) => x.key);
const allText = (r: { replies: ChatReply[] }) => JSON.stringify(r.replies.map((x) => x.activity));
const emailOf = async (id: string) => (await assistant.services.orders.findById(id))?.buyerEmail ?? 'missing';
/** A chat whose every activity carries the token, as the widget sends it. */
const signedIn = (buyerToken: string) => httpChat(running.url, undefined, { channelData: { buyerToken } });

describe.each(LANGS)('signed buyer token over /api/messages (%s)', (lang) => {
  const p = PHRASES[lang];
  const id = DEMO.onTime.id;

  it('"where is my order" lists the buyer\'s orders, and picking one answers without asking for email or postcode', async () => {
    const chat = signedIn(await signBuyerToken(await emailOf(id), SECRET));
    const listed = await chat.say(WHERE_IS_MY_ORDER[lang]);
    expect(keys(listed)).toEqual(['verify:pickOrder']);
    const pick = listed.replies[0];
    if (!pick) throw new Error('no reply');
    expect(pick.choices.map((c) => c.value)).toEqual([{ choice: `order:${id}` }]);
    expect(pick.choices[0]?.title).toContain(id);
    expect(pick.text).toMatch(lang === 'zh' ? /订单/ : /orders on your account/);
    const status = await chat.choose(pick, 0);
    expect(keys(status)).toEqual(['track:onTime']);
    expect(status.replies[0]?.text).toContain(id);
  });

  it('an order named in the first message is verified by the token alone', async () => {
    const chat = signedIn(await signBuyerToken(await emailOf(id), SECRET));
    const status = await chat.say(p.track(id));
    expect(keys(status)).toEqual(['track:onTime']);
    expect(status.replies[0]?.text).toMatch(lang === 'zh' ? /\p{Script=Han}/u : /^[^\p{Script=Han}]*$/u);
  });

  it.each([
    ['expired', async () => signBuyerToken(await emailOf(id), SECRET, { ttlSeconds: 60, now: new Date(Date.now() - 2 * 60 * 60 * 1000) })],
    ['signed with another secret', async () => signBuyerToken(await emailOf(id), OTHER_SECRET)],
    ['not a JWT at all', async () => 'not-a-token'],
  ])('a token that is %s falls back to normal verification and shows no order', async (_label, token) => {
    const chat = signedIn(await token());
    const asked = await chat.say(WHERE_IS_MY_ORDER[lang]);
    expect(keys(asked)).toEqual(['verify:askOrderId']);
    expect(asked.replies[0]?.choices).toEqual([]);
    expect(allText(asked)).not.toContain(id);
    // naming the order still needs the email or postcode
    expect(keys(await chat.say(id))).toEqual(['verify:askDetail']);
    expect(keys(await chat.say(await emailOf(id)))).toEqual(['track:onTime']);
  });

  it("a valid token for somebody else does not open another buyer's order", async () => {
    const other = DEMO.late.id;
    const chat = signedIn(await signBuyerToken(await emailOf(id), SECRET));
    const refused = await chat.say(p.track(other));
    expect(keys(refused)).toEqual(['verify:noMatch']);
    expect(allText(refused)).not.toContain(await emailOf(other));
  });
});
