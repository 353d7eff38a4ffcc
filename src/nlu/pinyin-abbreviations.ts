/**
 * Pinyin shorthand in Chinese chat: buyers type the initials or the toneless syllables of the word they mean
 * ("rg" 人工, "kf" 客服, "tk" 退款, "wl" 物流, "dz" 地址, "xiexie" 谢谢). Only whole Latin tokens of a Chinese
 * message are read this way ("dz写错了", "wl一直不动"), so English words inside Chinese text are left alone.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  rg: '人工',
  rengong: '人工',
  kf: '客服',
  kefu: '客服',
  tk: '退款',
  tuikuan: '退款',
  th: '退货',
  tuihuo: '退货',
  hh: '换货',
  dz: '地址',
  dizhi: '地址',
  wl: '物流',
  wuliu: '物流',
  kd: '快递',
  kuaidi: '快递',
  fh: '发货',
  fahuo: '发货',
  qx: '取消',
  quxiao: '取消',
  dd: '订单',
  dingdan: '订单',
  xx: '谢谢',
  xiexie: '谢谢',
  xiexi: '谢谢',
  nihao: '你好',
  nh: '你好',
  zrg: '转人工',
  bb: '拜拜',
  zaima: '在吗',
  baibai: '拜拜',
  zaijian: '再见',
  tousu: '投诉',
  // Shop-chat shorthand every Chinese buyer knows: 包邮, 发票, 邮编, 差评, 谢谢亲, 下次见, 再见.
  by: '包邮',
  fp: '发票',
  yb: '邮编',
  cp: '差评',
  xxq: '谢谢亲',
  xcj: '下次见',
  zj: '再见',
};

/** A run of Latin letters not touching another letter (Han characters and spaces are boundaries). */
const TOKEN = /(?<![a-z])[a-z]+(?![a-z])/giu;

/** The message with pinyin shorthand written out in Han characters. */
export function expandPinyinAbbreviations(text: string): string {
  return text.replace(TOKEN, (token) => ABBREVIATIONS[token.toLowerCase()] ?? token);
}
