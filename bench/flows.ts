/**
 * The scripted buyers of `npm run bench`: full after-sales flows on the demo orders, in English and
 * Chinese, each step naming the reply key it must get. Every flow stays valid however often it is
 * repeated against one running assistant (nothing is used up): a shipped order's cancel is refused,
 * an unshipped one is taken to the confirm question and kept, a return is refused once its item is
 * already on an open return, an FAQ is an FAQ.
 */
import { demoOrders } from '../src/services/orders/index.js';
import type { Lang } from '../src/domain/lang.js';
import { PHRASES } from '../test/transcripts/phrases.js';

export type FlowKind = 'track' | 'cancel-refused' | 'cancel-kept' | 'return' | 'faq';

export interface FlowStep {
  /** What the buyer types; with `choice`, sent when the quick reply is missing (a bare bot). */
  text: string;
  /** Click the quick reply with this choice id, as Web Chat does (its title as text, its value). */
  choice?: string;
  /** The first reply's key must match, else the step counts as an error. */
  expect: RegExp;
  /** Only when the previous step's first reply key matched this (a branch in the script). */
  onlyAfter?: RegExp;
}

export interface Flow {
  /** `<kind>/<lang>`, e.g. `return/zh`. */
  name: string;
  kind: FlowKind;
  lang: Lang;
  steps: FlowStep[];
}

const THANKS: Record<Lang, string> = { en: 'thank you', zh: '谢谢' };

const DEMO = {
  justPlaced: '113-4829106-7730215',
  unshipped2d: '120-1936572-4408817',
  onTime: '112-7051384-2296640',
  slow: '141-6613950-8127734',
  labelCreated: '136-7728105-2049936',
  delivered5d: '111-5820437-6619203',
} as const;

/** Every flow of the mix, in the order buyers take them (round robin). */
export function benchFlows(): Flow[] {
  const orders = new Map(demoOrders(new Date()).map((o) => [o.id, o]));
  const email = (id: string): string => {
    const order = orders.get(id);
    if (!order) throw new Error(`demo order ${id} missing`);
    return order.buyerEmail;
  };
  const postal = (id: string): string => {
    const order = orders.get(id);
    if (!order) throw new Error(`demo order ${id} missing`);
    return order.shippingAddress.postalCode;
  };
  const flows: Flow[] = [];
  for (const lang of ['en', 'zh'] as const) {
    const p = PHRASES[lang];
    const add = (kind: FlowKind, steps: FlowStep[]) => flows.push({ name: `${kind}/${lang}`, kind, lang, steps });
    const verify = { expect: /^verify:askDetail$/ };
    for (const [id, status] of [
      [DEMO.onTime, 'onTime'],
      [DEMO.slow, 'slow'],
      [DEMO.labelCreated, 'onTime'],
    ] as const) {
      add('track', [
        { text: p.hello, expect: /^common:greeting$/ },
        { text: p.track(id), ...verify },
        { text: email(id), expect: new RegExp(`^track:${status}$`) },
        { text: THANKS[lang], expect: /^common:thanks$/ },
      ]);
    }
    add('cancel-refused', [
      { text: p.cancel(DEMO.onTime), ...verify },
      { text: email(DEMO.onTime), expect: /^cancel:shipped$/ },
    ]);
    // Up to the confirm question, then no: the order stays unshipped for the next buyer.
    add('cancel-kept', [
      { text: p.cancel(DEMO.justPlaced), ...verify },
      { text: email(DEMO.justPlaced), expect: /^cancel:confirm$/ },
      { text: p.no, expect: /^cancel:kept$/ },
    ]);
    add('cancel-kept', [
      { text: p.cancel(DEMO.unshipped2d), ...verify },
      { text: postal(DEMO.unshipped2d), expect: /^cancel:confirm$/ },
      { text: p.no, choice: 'no', expect: /^cancel:kept$/ },
    ]);
    // Seller's fault: the first buyer gets the RMA and a label; later ones find that open return,
    // ask for another one and are refused the same item.
    add('return', [
      { text: p.returnItem(DEMO.delivered5d), ...verify },
      { text: email(DEMO.delivered5d), expect: /^returns:(askItems|status\.authorized)$/ },
      { text: 'newReturn', choice: 'newReturn', expect: /^returns:askItems$/, onlyAfter: /^returns:status\./ },
      { text: 'item:PAN-CAST-26', choice: 'item:PAN-CAST-26', expect: /^returns:askReason$/ },
      // Issued as soon as the reason is known (the seller's fault: no option to pick). Versions before round 7
      // (e.g. the A/B baseline 9b2db4f) asked for the remedy first: that step runs only after their offer.
      { text: 'reason:defective', choice: 'reason:defective', expect: /^returns:(labelReady\.seller|notReturnable|offerSellerPays)$/ },
      { text: 'opt:refund', choice: 'opt:refund', expect: /^returns:(labelReady\.seller|notReturnable)$/, onlyAfter: /^returns:offerSellerPays$/ },
    ]);
    // The knowledge base answers FAQ since round 3; the baseline checkout (9b2db4f) answered from faq:answers.*,
    // so an A/B against it runs the same mix of turns.
    add('faq', [
      { text: p.shippingQuestion, expect: /^(presales:kb|faq:answers\.)/ },
      { text: THANKS[lang], expect: /^common:thanks$/ },
    ]);
  }
  return flows;
}
