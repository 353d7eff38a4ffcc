/**
 * Negation safety (issue 15): a negated action is never taken. Generated set: every action the bot can
 * take (cancel, cancel-and-reorder for an address change, return, complaint, handoff) × negation
 * patterns in English and Chinese ("don't / do not / no, don't / never mind / 别 / 不要 / 先别 / 算了 …"),
 * said either as the first message or at the point where the next "yes" would act. After it the buyer
 * says yes (and gives the verification detail), and the action's effect must be absent.
 *
 * Each case is its own conversation with one assistant per language: nothing the cases do may change
 * the orders, and each case compares the watched effects before and after its own turns (a case that
 * did act fails there, whatever ran before it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, openHarness, type Chat, type Harness } from '../support/transcript.js';

type Action = 'cancel' | 'change_address' | 'return' | 'complaint' | 'handoff';

const VERBS: Record<Lang, Record<Action, string[]>> = {
  en: {
    cancel: ['cancel it', 'cancel my order', 'cancel the order'],
    change_address: ['change the address', 'change my address'],
    return: ['return it', 'send it back'],
    complaint: ['file a complaint', 'make a complaint'],
    handoff: ['transfer me to an agent', 'connect me to a person'],
  },
  zh: {
    cancel: ['取消', '取消订单', '取消了'],
    change_address: ['改地址', '修改地址'],
    return: ['退货', '退了'],
    complaint: ['投诉'],
    handoff: ['转人工'],
  },
};

const NEGATIONS: Record<Lang, ((verb: string) => string)[]> = {
  en: [
    (v) => `don't ${v}`,
    (v) => `do not ${v}`,
    (v) => `no, don't ${v}`,
    (v) => `please don't ${v}`,
    (v) => `hmm actually no, don't ${v}`,
    (v) => `I don't want to ${v}`,
    (v) => `no need to ${v}`,
    (v) => `never mind, don't ${v}`,
  ],
  zh: [(v) => `别${v}`, (v) => `不要${v}`, (v) => `先别${v}`, (v) => `不用${v}了`, (v) => `不想${v}了`, (v) => `算了，不要${v}`, (v) => `我不要${v}`],
};

/** Withdrawals that name no action: at a confirmation they must mean no. */
const WITHDRAWALS: Record<Lang, string[]> = {
  en: ['never mind', 'forget it', 'no, keep it', 'no, leave it as it is'],
  zh: ['算了', '算了吧', '不用了', '先不了'],
};

const YES: Record<Lang, string[]> = { en: ['yes', 'yes please go ahead'], zh: ['是的', '好的，确定'] };

interface Effects {
  statuses: Map<string, string | undefined>;
  returns: Map<string, number>;
}

const WATCHED = [DEMO.justPlaced.id, DEMO.unshipped2d.id, DEMO.delivered5d.id, DEMO.cheapDamaged.id];

async function effects(h: Harness): Promise<Effects> {
  const statuses = new Map<string, string | undefined>();
  const returns = new Map<string, number>();
  for (const id of WATCHED) {
    statuses.set(id, (await h.assistant.services.orders.findById(id))?.status);
    returns.set(id, (await h.assistant.services.orders.listReturns(id)).length);
  }
  return { statuses, returns };
}

async function expectNothingDone(h: Harness, c: Chat, before: Effects, action: Action) {
  const after = await effects(h);
  if (action === 'cancel' || action === 'change_address') expect(after.statuses).toEqual(before.statuses);
  if (action === 'return') expect(after.returns).toEqual(before.returns);
  if (action === 'complaint') expect(await h.assistant.services.complaints.list({ conversationId: c.id })).toEqual([]);
  if (action === 'handoff') expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
}

/** Opening words per action and the order each one acts on. */
const SETUP: Record<Lang, Record<Action, { order: string; open: (id: string) => string } | undefined>> = {
  en: {
    cancel: { order: DEMO.justPlaced.id, open: (id) => `please cancel my order ${id}` },
    change_address: { order: DEMO.unshipped2d.id, open: (id) => `I need to change the shipping address on order ${id}` },
    // The buyer's choice: the offer waits for a yes to its terms (a seller's-fault return is issued at once, nothing waits).
    return: { order: DEMO.eu29d.id, open: (id) => `the rain jacket from order ${id} is too small, I want to return it` },
    complaint: { order: DEMO.delivered5d.id, open: () => 'I want to make a complaint' },
    handoff: undefined,
  },
  zh: {
    cancel: { order: DEMO.justPlaced.id, open: (id) => `帮我取消订单 ${id}` },
    change_address: { order: DEMO.unshipped2d.id, open: (id) => `订单 ${id} 的收货地址要改一下` },
    return: { order: DEMO.eu29d.id, open: (id) => `订单 ${id} 的雨衣买小了，我要退货` },
    complaint: { order: DEMO.delivered5d.id, open: () => '我要投诉' },
    handoff: undefined,
  },
};

function generated(lang: Lang) {
  const cases: { action: Action; text: string }[] = [];
  for (const action of Object.keys(VERBS[lang]) as Action[]) {
    for (const verb of VERBS[lang][action]) for (const negate of NEGATIONS[lang]) cases.push({ action, text: negate(verb) });
  }
  return cases;
}

describe.each(['en', 'zh'] as const)('negation safety (%s)', (lang) => {
  const cases = generated(lang);
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h.assistant.close());

  it('the generated set covers every action with every negation pattern', () => {
    expect(new Set(cases.map((c) => c.action))).toEqual(new Set(['cancel', 'change_address', 'return', 'complaint', 'handoff']));
    expect(cases.length).toBeGreaterThanOrEqual(lang === 'en' ? 80 : 50);
  });

  it.each(cases)('first message "$text" (+ order, detail, yes): the $action is not taken', async ({ action, text }) => {
    const c = h.chat();
    const before = await effects(h);
    const order = SETUP[lang][action]?.order ?? DEMO.justPlaced.id;
    await c.say(`${text} ${order}`);
    await c.say(await emailOf(h, order));
    for (const yes of YES[lang]) await c.say(yes);
    await expectNothingDone(h, c, before, action);
  });

  const atTheQuestion = [
    ...cases.filter((x) => SETUP[lang][x.action] !== undefined),
    ...(['cancel', 'change_address', 'return'] as const).flatMap((action) => WITHDRAWALS[lang].map((text) => ({ action, text }))),
  ];

  it.each(atTheQuestion)('"$text" where the next yes would act: the $action is not taken', async ({ action, text }) => {
    const c = h.chat();
    const setup = SETUP[lang][action];
    if (!setup) throw new Error(`no setup for ${action}`);
    const before = await effects(h);
    await c.say(setup.open(setup.order));
    if (action !== 'complaint') await c.say(await emailOf(h, setup.order));
    await c.say(text);
    for (const yes of YES[lang]) await c.say(yes);
    await expectNothingDone(h, c, before, action);
  });
});

/**
 * Round 9 (blind11 zh-1110): right after a return of the oven mitts was issued, "那另一件铲子呢 铲子我留着 不用退" keeps a
 * different item: a negation about another item is never a withdrawal of this return.
 */
const ANOTHER_ITEM: Record<Lang, { start: (id: string, email: string) => string; all: string; yes: string; keepOther: string }> = {
  en: {
    start: (id, email) => `${id} picked the wrong colour of oven mitts, want to return them. email ${email}`,
    all: 'yes please',
    yes: 'yes please',
    keepOther: "and the other one? the spatula set, i'll keep it, don't send it back",
  },
  zh: {
    start: (id, email) => `${id} 隔热手套颜色选错了 想退 邮箱 ${email}`,
    all: '就是隔热手套那个 两副都退',
    yes: '好的 可以',
    keepOther: '那另一件铲子呢 铲子我留着 不用退',
  },
};

describe.each(['en', 'zh'] as const)('a negation about another item after a return was issued (%s)', (lang) => {
  it('keeps the return of this item', async () => {
    const h = await openHarness();
    try {
      const c = h.chat();
      const id = DEMO.delivered5d.id;
      const w = ANOTHER_ITEM[lang];
      await c.say(w.start(id, await emailOf(h, id)));
      for (let i = 0; i < 3 && (await h.assistant.services.orders.listReturns(id)).length === 0; i += 1) await c.say(i === 0 ? w.all : w.yes);
      const [issued] = await h.assistant.services.orders.listReturns(id);
      expect(issued?.status).toBe('authorized');
      const keys = await c.say(w.keepOther);
      // Nothing is withdrawn, and the kept item gets no return of its own started ("why would you like to return it?").
      expect(keys.some((k) => k.startsWith('returns:'))).toBe(false);
      const [after] = await h.assistant.services.orders.listReturns(id);
      expect(after?.status).toBe('authorized');
    } finally {
      await h.assistant.close();
    }
  });
});
