/** What buyers type, per language: the transcript tests run every scenario in English and Chinese. */
import type { Lang } from '../../src/domain/lang.js';

export interface Phrases {
  cancel(id: string): string;
  track(id: string): string;
  address(id: string): string;
  returnItem(id: string): string;
  refundStatus(rma: string): string;
  complainShort: string;
  complainDamaged(id: string): string;
  complainReview: string;
  complainLawyer: string;
  agent: string;
  hello: string;
  yes: string;
  no: string;
  neverMind: string;
  newAddress: string;
  gibberish: string;
  gibberish2: string;
  shippingQuestion: string;
}

export const PHRASES: Record<Lang, Phrases> = {
  en: {
    cancel: (id) => `Please cancel my order ${id}`,
    track: (id) => `Where is my order ${id}?`,
    address: (id) => `I need to change the shipping address on order ${id}`,
    returnItem: (id) => `I want to return order ${id}`,
    refundStatus: (rma) => `What's the status of my refund ${rma}?`,
    complainShort: 'I want to make a complaint',
    complainDamaged: (id) => `I'm really unhappy, the speaker from order ${id} arrived broken and the box was crushed`,
    complainReview: 'I left a 1 star review because your service was terrible and nobody answered my emails',
    complainLawyer: 'This charger caught fire and burned my desk, I am calling my lawyer',
    agent: 'Can I talk to a real person please',
    hello: 'hello',
    yes: 'yes',
    no: 'no',
    neverMind: 'never mind',
    newAddress: '55 Elm Street, Apt 3, Springfield, IL 62704, USA',
    gibberish: 'blorf zzzt qwop',
    gibberish2: 'flarn snerk bloop',
    shippingQuestion: 'How long does shipping take?',
  },
  zh: {
    cancel: (id) => `帮我取消订单 ${id}`,
    track: (id) => `我的订单 ${id} 到哪了？`,
    address: (id) => `订单 ${id} 要改一下收货地址`,
    returnItem: (id) => `订单 ${id} 我想退货`,
    refundStatus: (rma) => `我的退款 ${rma} 到哪一步了？`,
    complainShort: '我要投诉',
    complainDamaged: (id) => `太失望了，订单 ${id} 的音箱收到就是坏的，箱子都压扁了`,
    complainReview: '你们客服太差了，邮件一直没人回，我已经给了一星差评',
    complainLawyer: '这个充电器起火了把桌子都烧了，我要找律师起诉你们',
    agent: '我要找人工客服',
    hello: '你好',
    yes: '好的',
    no: '不用',
    neverMind: '算了',
    newAddress: '上海市浦东新区世纪大道100号 12楼 邮编200120',
    gibberish: '啊呜啦哩嘟',
    gibberish2: '稀里哗啦乒乒乓乓',
    shippingQuestion: '发货一般要多久能到？',
  },
};

export const LANGS: Lang[] = ['en', 'zh'];
