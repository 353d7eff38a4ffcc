/**
 * Carriers as a buyer knows them: Chinese buyers say 顺丰速运, not "SF Express". Order sources and
 * tracking providers name carriers in Latin script; the renderer asks here for the buyer's language.
 */
import type { Lang } from './lang.js';

/**
 * Chinese names by normalised source name (lower case, letters and digits only). DPD, GLS, Evri and
 * OnTrac have no settled Chinese name; Chinese shoppers know them by their Latin one.
 */
const ZH: Record<string, string> = {
  ups: '联合包裹',
  usps: '美国邮政',
  fedex: '联邦快递',
  // Chinese shoppers say DHL (敦豪 is the registered name nobody types).
  dhl: 'DHL 快递',
  dhlexpress: 'DHL 快递',
  dhlparcel: 'DHL 快递',
  sfexpress: '顺丰速运',
  sf: '顺丰速运',
  royalmail: '英国皇家邮政',
  parcelforce: '英国皇家邮政包裹速递',
  dpd: 'DPD 快递',
  hermes: 'Hermes 快递',
  evri: 'Evri 快递',
  gls: 'GLS 快递',
  amazonlogistics: '亚马逊物流',
  amazon: '亚马逊物流',
  amzl: '亚马逊物流',
  chinapost: '中国邮政',
  ems: '中国邮政 EMS',
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

/** The carrier's name in `lang`; unknown carriers keep the source's spelling. */
export function carrierName(carrier: string, lang: Lang): string {
  if (lang === 'en') return carrier;
  return ZH[key(carrier)] ?? carrier;
}
