/**
 * Chinese names of the places demo parcels pass through (sort hubs, gateways and the demo buyers'
 * cities), so a Chinese buyer reads "美国田纳西州孟菲斯", not "Memphis, TN, US". Places not listed
 * keep their local spelling; the country is always named in Chinese (Intl.DisplayNames).
 */
import type { Place } from './demo-routes.js';

const CITY_ZH: Record<string, string> = {
  Phoenix: '凤凰城',
  'Los Angeles': '洛杉矶',
  Louisville: '路易斯维尔',
  Memphis: '孟菲斯',
  Indianapolis: '印第安纳波利斯',
  Brampton: '布兰普顿',
  Vancouver: '温哥华',
  Mississauga: '密西沙加',
  Calgary: '卡尔加里',
  Peterborough: '彼得伯勒',
  'London Heathrow': '伦敦希思罗',
  Coventry: '考文垂',
  Warrington: '沃灵顿',
  Leipzig: '莱比锡',
  'Frankfurt am Main': '美因河畔法兰克福',
  Hannover: '汉诺威',
  Nürnberg: '纽伦堡',
  'Lauwin-Planque': '洛万普朗克',
  'Roissy-en-France': '鲁瓦西昂法兰西',
  Lyon: '里昂',
  'Chilly-Mazarin': '希伊马扎兰',
  Ichikawa: '市川',
  Narita: '成田',
  Atsugi: '厚木',
  Osaka: '大阪',
  Shenzhen: '深圳',
  'Shenzhen Bao’an': '深圳宝安',
  Guangzhou: '广州',
  Shanghai: '上海',
  'Dandenong South': '南丹德农',
  Sydney: '悉尼',
  Melbourne: '墨尔本',
  'International Gateway': '国际转运中心',
  // The demo buyers' cities.
  Portland: '波特兰',
  Manchester: '曼彻斯特',
  Atlanta: '亚特兰大',
  Houston: '休斯敦',
  Berlin: '柏林',
  Brookline: '布鲁克莱恩',
  München: '慕尼黑',
  Munich: '慕尼黑',
  Seattle: '西雅图',
  Edinburgh: '爱丁堡',
  Hamburg: '汉堡',
  Chicago: '芝加哥',
  Paramus: '帕拉默斯',
  London: '伦敦',
  'New York': '纽约',
  Toronto: '多伦多',
  Paris: '巴黎',
  Tokyo: '东京',
  Beijing: '北京',
};

/** Regions by "CC-code" (US states and provinces share codes with countries: US-CA vs CA). */
const REGION_ZH: Record<string, string> = {
  'US-AZ': '亚利桑那州',
  'US-CA': '加利福尼亚州',
  'US-KY': '肯塔基州',
  'US-TN': '田纳西州',
  'US-IN': '印第安纳州',
  'US-OR': '俄勒冈州',
  'US-GA': '佐治亚州',
  'US-TX': '得克萨斯州',
  'US-MA': '马萨诸塞州',
  'US-WA': '华盛顿州',
  'US-IL': '伊利诺伊州',
  'US-NJ': '新泽西州',
  'US-NY': '纽约州',
  'CA-ON': '安大略省',
  'CA-BC': '不列颠哥伦比亚省',
  'CA-AB': '艾伯塔省',
  'JP-Chiba': '千叶县',
  'JP-Kanagawa': '神奈川县',
  'JP-Osaka': '大阪府',
  'CN-Guangdong': '广东省',
  'AU-VIC': '维多利亚州',
  'AU-NSW': '新南威尔士州',
  'DE-Bayern': '巴伐利亚州',
};

const HAN = /\p{Script=Han}/u;
const countryZh = new Intl.DisplayNames(['zh-CN'], { type: 'region' });

/** "美国田纳西州孟菲斯": country, region, city, largest first and unseparated, as Chinese writes places. */
export function placeZh(place: Place): string {
  const cc = place.countryCode.toUpperCase();
  const country = countryZh.of(cc) ?? cc;
  const region = place.region ? (REGION_ZH[`${cc}-${place.region}`] ?? place.region) : '';
  const city = CITY_ZH[place.city] ?? place.city;
  // A Chinese address's city often is its region too ("北京" in "北京市"): say it once.
  const parts = [country, region, region !== '' && region.startsWith(city) ? '' : city].filter((p) => p !== '');
  // Latin names left over (a place not in the table) need spaces to stay readable.
  return parts.reduce((out, p) => (out === '' ? p : HAN.test(out.slice(-1)) && HAN.test(p[0] ?? '') ? out + p : `${out} ${p}`), '');
}

/** Chinese cities and regions of the demo buyers, for English buyers (a carrier page writes them in Latin). */
const HAN_EN: Record<string, string> = {
  北京: 'Beijing',
  北京市: 'Beijing',
  上海: 'Shanghai',
  上海市: 'Shanghai',
  深圳: 'Shenzhen',
  深圳市: 'Shenzhen',
  广州: 'Guangzhou',
  广州市: 'Guangzhou',
  广东省: 'Guangdong',
};

/** "Memphis, TN, US"; a Chinese buyer address's "北京 / 北京市" becomes "Beijing, CN", said once. */
export function placeEn(place: Place): string {
  const city = HAN_EN[place.city] ?? place.city;
  const region = place.region ? (HAN_EN[place.region] ?? place.region) : '';
  return [city, region === city ? '' : region, place.countryCode].filter((p) => p !== '').join(', ');
}

/** The demo carrier's own event wording, in Chinese. */
export const DESCRIPTION_ZH: Record<string, string> = {
  'Shipping label created, carrier awaiting item': '已生成运单，等待快递揽收',
  'Picked up by carrier': '快递已揽收',
  'Departed origin facility': '已离开始发处理中心',
  'Arrived at sort facility': '已到达分拣中心',
  'Departed sort facility': '已离开分拣中心',
  'Arrived at import gateway': '已到达进口口岸',
  'Clearance processing in progress': '清关处理中',
  'Import clearance complete': '进口清关完成',
  'Arrived at delivery station': '已到达派送站',
  'Out for delivery': '派送中',
  Delivered: '已签收',
  'Delayed in transit: shipment is running later than expected': '运输延误：包裹比预计晚到',
  'No scan for 4 days: carrier is investigating': '已 4 天没有扫描记录：快递公司正在调查',
  'Shipment could not be located and is declared lost': '包裹无法找到，已被认定丢失',
  'Delivery attempted: addressee unknown at this address': '尝试派送：该地址查无此收件人',
  'Returning to sender': '正在退回寄件人',
  'Returned to sender': '已退回寄件人',
};
