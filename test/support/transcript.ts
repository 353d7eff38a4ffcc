/**
 * Conversation harness for transcript tests: the real assistant (real NLU, dialogs, services, demo
 * orders) on a controllable clock, driven through the same turn runner every channel uses.
 * Assertions are on reply keys and on effects in the services, never on English sentences.
 */
import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createAssistant, type Assistant } from '../../src/app.js';
import type { Nlu } from '../../src/nlu/types.js';
import { demoOrders } from '../../src/services/orders/index.js';
import { createPresalesService, phraseFrom, type PresalesService } from '../../src/services/catalog/index.js';
import { DEFAULT_DATA_DIR } from '../../src/nlu/index.js';
import { createI18n } from '../../src/i18n/index.js';
import type { PolicyConfig } from '../../src/policy/index.js';
import type { Storage } from '../../src/state/storage.js';
import type { TurnResult } from '../../src/bot/turn-runner.js';
import { memoryLogger } from './assistant.js';
import { trainedNlu } from './nlu.js';

/** Fixed "now" of every transcript: demo order times are relative to it. */
export const T0 = new Date('2026-11-18T15:00:00Z');

let demoPresales: Promise<PresalesService> | undefined;
/**
 * The demo store's pre-sales service (data/catalog, data/kb), built once per test process: building
 * its indexes is most of an app's start-up, and answering changes nothing in it (the unanswered-questions
 * log stays each app's own).
 */
function demoPresalesService(): Promise<PresalesService> {
  demoPresales ??= createI18n().then((i18n) => createPresalesService(DEFAULT_DATA_DIR, phraseFrom(i18n)).service);
  return demoPresales;
}

export interface Harness {
  assistant: Assistant;
  clock: { now: Date; advanceMinutes(m: number): void };
  /** A conversation; `verifiedEmail` makes every message carry a verified buyer token's email (a signed-in buyer). */
  chat(conversationId?: string, opts?: { verifiedEmail?: string }): Chat;
}

export interface Chat {
  id: string;
  /** Sends text; returns the reply keys. */
  say(text: string): Promise<string[]>;
  /** Picks a quick reply by its choice id (as clicking it in Web Chat does). */
  choose(choice: string, text?: string): Promise<string[]>;
  last: TurnResult | undefined;
  /** Choice ids offered by the last reply set. */
  choices(): string[];
  texts(): string[];
}

/** A fresh assistant for the running test (closed when the test ends). */
export async function harness(opts: HarnessOptions = {}): Promise<Harness> {
  const h = await openHarness(opts);
  onTestFinished(() => h.assistant.close());
  return h;
}

interface HarnessOptions {
  policy?: PolicyConfig;
  config?: Partial<Config>;
  storage?: Storage;
  now?: Date;
  nlu?: (real: Nlu) => Nlu;
}

/** An assistant outliving one test (built in `beforeAll`); the caller closes it. */
export async function openHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const clock = {
    now: new Date(opts.now ?? T0),
    advanceMinutes(m: number) {
      this.now = new Date(this.now.getTime() + m * 60_000);
    },
  };
  const now = () => clock.now;
  const { logger } = memoryLogger();
  const real = await trainedNlu(now);
  // A test may wrap the real NLU to pin a result the trained model gives only for some corpora.
  const nlu = opts.nlu ? opts.nlu(real) : real;
  const assistant = await createAssistant(loadConfig({}, { port: 0, logLevel: 'info', ...opts.config }), {
    logger,
    nlu,
    clock: now,
    orders: demoOrders(T0),
    presalesService: await demoPresalesService(),
    ...(opts.policy ? { policy: opts.policy } : {}),
    ...(opts.storage ? { storage: opts.storage } : {}),
  });
  assistant.setPublicBaseUrl('http://127.0.0.1:3978');
  let seq = 0;
  const chat = (conversationId = `t-${randomUUID()}`, chatOpts: { verifiedEmail?: string } = {}): Chat => {
    const signedIn = chatOpts.verifiedEmail ? { verifiedEmail: chatOpts.verifiedEmail } : {};
    const c: Chat = {
      id: conversationId,
      last: undefined,
      async say(text) {
        c.last = await assistant.runner.run({ conversationId, activityId: `${conversationId}-${++seq}-${randomUUID().slice(0, 8)}`, kind: 'message', text, ...signedIn });
        return c.last.replies.map((r) => r.key);
      },
      async choose(choice, text = choice) {
        c.last = await assistant.runner.run({ conversationId, activityId: `${conversationId}-${++seq}-${randomUUID().slice(0, 8)}`, kind: 'message', text, value: { choice }, ...signedIn });
        return c.last.replies.map((r) => r.key);
      },
      choices() {
        return (c.last?.replies ?? []).flatMap((r) =>
          (r.activity.suggestedActions?.actions ?? []).map((a) => (a.value as { choice: string }).choice),
        );
      },
      texts() {
        return (c.last?.replies ?? []).map((r) => r.text);
      },
    };
    return c;
  };
  return { assistant, clock, chat };
}

/** Demo orders used by the transcripts (see docs/orders-and-policy.md). */
export const DEMO = {
  justPlaced: { id: '113-4829106-7730215' },
  unshipped2d: { id: '120-1936572-4408817' },
  onTime: { id: '112-7051384-2296640' },
  slow: { id: '141-6613950-8127734' },
  late: { id: '114-3308271-9054416' },
  lost: { id: '131-9471620-3365108' },
  delivered5d: { id: '111-5820437-6619203' },
  eu29d: { id: '134-2175809-4431962' },
  delivered31d: { id: '115-6049318-2287549' },
  uk200d: { id: '126-8815274-5093316' },
  eu500d: { id: '133-5529041-7718625' },
  us500d: { id: '116-2290453-8840172' },
  cheapDamaged: { id: '117-8163920-0572284' },
  cancelled: { id: '143-1175026-9938401' },
  returnedToSender: { id: '127-4410938-1176250' },
  labelCreated: { id: '136-7728105-2049936' },
} as const;

/** Email of a demo order, from the store itself (so tests don't duplicate the data file). */
export async function emailOf(h: Harness, orderId: string): Promise<string> {
  const order = await h.assistant.services.orders.findById(orderId);
  if (!order) throw new Error(`demo order ${orderId} missing`);
  return order.buyerEmail;
}

export async function postalOf(h: Harness, orderId: string): Promise<string> {
  const order = await h.assistant.services.orders.findById(orderId);
  if (!order) throw new Error(`demo order ${orderId} missing`);
  return order.shippingAddress.postalCode;
}
