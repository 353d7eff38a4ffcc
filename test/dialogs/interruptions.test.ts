/** The interruption rules on their own: each named rule is reached, and the order between them holds. */
import { describe, expect, it } from 'vitest';
import type { UserSaid } from '../../dialogs/events.js';
import { IN_FLOW_RULES, routeInFlow, type FlowView, type InFlowFacts } from '../../dialogs/interruptions.js';
import type { Intent } from '../../src/nlu/types.js';

const NOW = '2026-11-18T15:00:00.000Z';
const said = (text: string, extra: Partial<UserSaid> = {}, intent: Intent = 'none', score = 0): UserSaid => ({
  type: 'user.said',
  text,
  turnId: 't',
  now: NOW,
  lang: 'en',
  nlu: { intent, score, entities: [] },
  ...extra,
});
const view = (v: Partial<FlowView> = {}): FlowView => ({ withPerson: false, freeText: false, yesNo: false, verifying: false, ...v });
const facts = (s: UserSaid, v: Partial<FlowView> = {}, currentIntent: Intent = 'cancel_order', lastAt = NOW): InFlowFacts => ({ said: s, view: view(v), currentIntent, lastAt });

const CASES: [string, InFlowFacts, string][] = [
  ['queued for or talking to a person', facts(said('never mind', { control: 'abort' }), { withPerson: true }), 'toPerson'],
  ['never mind', facts(said('never mind', { control: 'abort' })), 'cancelFlow'],
  ['back after the flow went stale', facts(said('yes'), { yesNo: true }, 'cancel_order', '2026-11-18T13:00:00.000Z'), 'expired'],
  ['help', facts(said('help', { control: 'help' })), 'help'],
  ['no to the offer of a person', facts(said("No, I'll rephrase", { choice: 'intent:none' })), 'carryOn'],
  ['a button of the flow', facts(said('Yes, cancel it', { choice: 'yes' }), { yesNo: true }), 'answer'],
  ['a typed remedy at the remedy question', facts(said('直接退款吧 不想再等了', { lang: 'zh' }, 'return_item', 0.97), { remedy: true }, 'track_order'), 'answer'],
  ['a negated action at a yes/no question', facts(said("no, don't cancel it", {}, 'cancel_order', 0.99), { yesNo: true }), 'answer'],
  ['a negated action', facts(said('先别取消了', { lang: 'zh' }, 'cancel_order', 0.99), { verifying: true }), 'cancelFlow'],
  ['a request to be rung back', facts(said('would it be possible for someone to phone me about it?', {}, 'none', 1), { yesNo: true }, 'return_item'), 'personAsked'],
  ['a typed reason at the reason question', facts(said('nothing wrong with it, a friend got me the same one so I only need one', {}, 'human_agent', 0.95), { reason: true }, 'return_item'), 'answer'],
  ['a typed reason at the options question', facts(said('就是不想要了 买多了', { lang: 'zh' }, 'cancel_order', 0.98), { yesNo: true, options: true }, 'return_item'), 'answer'],
  // Round 9: the complaint records what was told, then hands it over itself.
  ['a request for a person during a complaint', facts(said('REAL PERSON PLEASE', {}, 'human_agent', 0.95), { freeText: true }, 'complaint'), 'answer'],
  ['a request for a person', facts(said('REAL PERSON PLEASE', {}, 'human_agent', 0.95), { freeText: true }, 'change_address'), 'switchTopic'],
  ['a typed yes or no to a yes/no question', facts(said('sure, do it', {}, 'cancel_order', 0.99), { yesNo: true }), 'answer'],
  // "换" read by the knowledge base as a question about exchanges is the exchange offered.
  ['a typed option at the options question', facts(said('换', { lang: 'zh', nlu: { intent: 'faq', score: 0.9, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb' }] } }), { yesNo: true, options: true }, 'return_item'), 'answer'],
  ['an ordinal at the items question', facts(said('the second one', { nlu: { intent: 'faq', score: 0.95, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb' }] } }), { items: true }, 'return_item'), 'answer'],
  ['a question about the listed items', facts(said('which things were on that order again?', {}, 'track_order', 0.95), { items: true }, 'return_item'), 'answer'],
  ['a review deal during a return', facts(said('5 stars if you refund me', { nlu: { intent: 'complaint', score: 0.99, entities: [{ type: 'reviewBargain', value: 'offered' }] } }), {}, 'return_item'), 'answer'],
  ['a shop question in passing', facts(said('do you take paypal?', { nlu: { intent: 'faq', score: 0.95, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb', values: { answer: 'PayPal' } }] } }), { yesNo: true }), 'digression'],
  ['a clear new topic', facts(said('where is my order?', {}, 'track_order', 0.97)), 'switchTopic'],
  ['anything else answers the flow', facts(said('hmm let me think')), 'answer'],
];

describe('interruption rules', () => {
  it.each(CASES)('%s', (name, f, route) => {
    expect(routeInFlow(f)).toEqual({ rule: name, route });
  });

  it('a question about the flow\'s own topic that the shop\'s rule also answers goes to the flow, not a digression', () => {
    const asked = (readAs?: 'return_item') =>
      facts(said('can I send the spatula back too?', { nlu: { intent: 'faq', score: 0.9, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb' }], ...(readAs ? { readAs } : {}) } }), { yesNo: true, options: true }, 'return_item');
    expect(routeInFlow(asked('return_item')).route).toBe('answer');
    expect(routeInFlow(asked()).route).toBe('digression');
  });

  it('"退" at the options question is the option; at a plain yes/no question it is not', () => {
    const tui = (options: boolean) => facts(said('退', { lang: 'zh', nlu: { intent: 'faq', score: 0.9, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb' }] } }), { yesNo: true, options }, 'return_item');
    expect(routeInFlow(tui(true)).rule).toBe('a typed option at the options question');
    expect(routeInFlow(tui(false)).route).toBe('digression');
  });

  it('holding back at a yes/no question is no consent: "wait before you do that - does it work with a mac?"', () => {
    const hold = facts(said('wait before you do that - does it work on a mac? that is why I was cancelling', {}, 'cancel_order', 0.99), { yesNo: true });
    expect(routeInFlow(hold).rule).not.toBe('a typed yes or no to a yes/no question');
    const faq = facts(said('ok but do you ship to Canada?', { nlu: { intent: 'faq', score: 0.9, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb' }] } }), { yesNo: true });
    expect(routeInFlow(faq).route).toBe('digression');
  });

  it('a person asked for in words at the reason question is a person, not a reason', () => {
    const f = facts(said('it is broken, I want to talk to a real person', {}, 'human_agent', 0.97), { reason: true }, 'return_item');
    expect(routeInFlow(f)).toEqual({ rule: 'a request for a person', route: 'switchTopic' });
  });

  it('a callback asked for inside a story is part of the story, and one that never came is no request', () => {
    expect(routeInFlow(facts(said('please call me back tomorrow', {}, 'none', 1), { freeText: true }, 'complaint')).route).toBe('answer');
    expect(routeInFlow(facts(said("you said you'd call me back and nobody did", {}, 'complaint', 0.9), { yesNo: true }, 'return_item')).rule).not.toBe('a request to be rung back');
    expect(routeInFlow(facts(said('能不能让客服打个电话给我', { lang: 'zh' }, 'none', 1), { reason: true }, 'return_item')).route).toBe('personAsked');
  });

  it('a question then agreement is the answer, even when the question reads as another topic ("不能直接改吗…好吧 那你取消吧")', () => {
    const f = facts(said('不能直接改吗…好吧 那你取消吧 我重新下一单', { lang: 'zh' }, 'cancel_order', 1), { yesNo: true }, 'change_address');
    expect(routeInFlow(f)).toEqual({ rule: 'a typed yes or no to a yes/no question', route: 'answer' });
  });

  it('a yes/no hung on the buyer\'s own question is no answer yet: the question is answered in passing', () => {
    const f = facts(said("wait, do you price match? if you do I'd rather just keep it", { nlu: { intent: 'faq', score: 1, entities: [] }, presales: { answered: true, replies: [{ key: 'presales:kb' }] } }), { yesNo: true });
    expect(routeInFlow(f).route).toBe('digression');
  });

  it('every rule is reached by a case above', () => {
    expect(IN_FLOW_RULES.map((r) => r.name)).toEqual(CASES.map(([name]) => name));
  });

  it('a question about another topic is not read as a yes ("ok, when will it arrive?")', () => {
    expect(routeInFlow(facts(said('ok, when will it arrive?', {}, 'track_order', 0.97), { yesNo: true })).route).toBe('switchTopic');
  });

  it('"ok, then just file a complaint" at a yes/no question is not consent: the complaint is the topic', () => {
    expect(routeInFlow(facts(said('ok whatever, just file a complaint', {}, 'complaint', 0.93), { yesNo: true }, 'return_item')).route).toBe('switchTopic');
    // A yes that carries the same topic is still the answer.
    expect(routeInFlow(facts(said('ok, return it', {}, 'return_item', 0.93), { yesNo: true }, 'return_item')).route).toBe('answer');
  });

  it('a free-text answer is never a switch, however it reads (but a request for a person is)', () => {
    expect(routeInFlow(facts(said('where is my order?', {}, 'track_order', 0.97), { freeText: true }, 'complaint')).route).toBe('answer');
  });

  it('an order number while verifying answers the question, even when it reads like a new topic', () => {
    const s = said('track 112-7051384-2296640', { nlu: { intent: 'track_order', score: 0.99, entities: [{ type: 'orderId', value: '112-7051384-2296640' }] } });
    expect(routeInFlow(facts(s, { verifying: true })).route).toBe('answer');
  });
});
