/**
 * Other words for what a buyer asks, so a fact written one way answers a question worded another
 * ("how long does the battery last" → hours, "bt" → Bluetooth). Keys are stems (English) or words
 * (Chinese); grown from classes of failures of the development question set, never for one question.
 */
import type { Lang } from '../../domain/lang.js';

export const SYNONYMS: Record<Lang, Record<string, string[]>> = {
  en: {
    bt: ['bluetooth'], mech: ['mechan'], temp: ['temperatur', 'c'], wattag: ['w', 'power', 'output'], watt: ['w', 'power', 'output'], gsm: ['g/m²', 'm²', 'paper'],
    aux: ['3.5', 'audio'], plane: ['airplan'], flight: ['airplan'], fizzi: ['carbon'], soda: ['carbon'], leakproof: ['leak'], loud: ['nois', 'db'], quiet: ['nois', 'silent'],
    heel: ['drop'], playtim: ['playback', 'hour'], space: ['grid', 'mm'], last: ['hour', 'life'], life: ['hour', 'lifespan'], far: ['metr', 'm'], pool: ['water', 'ipx7'],
    swim: ['water', 'ipx7'], shower: ['water', 'ipx7'], rain: ['water'], amex: ['american', 'express'], travel: ['worldwid', '100-240', 'carri'], abroad: ['worldwid'],
    volt: ['v'], voltag: ['v'], laptop: ['devic', 'laptop'], phone: ['devic', 'phone'], hot: ['heat', 'c'], handl: ['resist'], rgb: ['white'], pvc: ['pvc'],
    macbook: ['laptop', 'macbook', 'maco'], charg: ['charg', 'usb'], transfer: ['data'], file: ['data'], speed: ['mbps', 'speed'], turn: ['off', 'on'], out: ['output'], boil: ['boil'],
    // Attribute-name and situation synonyms (grown from set B's classes: heat, drinks, travel, platforms, sport).
    temperatur: ['c', '°', 'heat'], heat: ['°', 'heat'], coffe: ['hot', 'drink', 'coffe'], tea: ['hot', 'drink', 'tea'], europ: ['worldwid', 'eu', '100-240'],
    ipad: ['ipado', 'ipad'], mac: ['maco', 'mac'], sweat: ['water', 'sweat', 'sport'], sweatproof: ['water', 'sweat', 'sport'], gym: ['sport'], workout: ['sport'],
    swap: ['exchang'], pack: ['pair', 'set', 'piec', 'pack'], smelli: ['smell'], stinki: ['smell'], hold: ['capac', 'load', 'hold'], tini: ['ml', 'cm', 'capac'], small: ['ml', 'cm', 'capac', 'small'], refurbish: ['refurbish', 'new'],
    colour: ['black', 'white', 'grey', 'navy', 'blue', 'green', 'red', 'pink', 'sand', 'sage', 'beige', 'brown', 'silver', 'gold', 'cream'],
    // Situations and wordings of set C's classes: fizzy drinks, breakage in transit, speed as time, allergy as "-free", a used candle, calling, dispatch.
    sparkl: ['carbon'], smash: ['breakag', 'break', 'damag'], shatter: ['breakag', 'break', 'damag'], broke: ['breakag', 'break', 'damag'], arriv: ['transit', 'arriv', 'deliveri'],
    fast: ['minut', 'hour', 'day', 'within', 'time', 'fast', 'speed'], allerg: ['free'], allergi: ['free'], burn: ['open', 'burn', 'light'], burnt: ['open', 'burn', 'light'], call: ['phone', 'contact'], dispatch: ['ship', 'dispatch'],
    limit: ['minimum', 'over', 'limit'], promo: ['discount', 'coupon', 'promo'], voucher: ['discount', 'coupon', 'voucher'], sheath: ['guard', 'sheath'], window: ['window', 'within'], bigger: ['size', 'bigger'], smaller: ['size', 'smaller'], larger: ['size', 'larger'], set: ['level', 'mode', 'set'], degre: ['°', 'c', 'degre'], freezer: ['freez', 'frozen'], receiv: ['reach', 'receiv', 'get', 'arriv'], lower: ['cheaper', 'lower'], cheaper: ['cheaper', 'lower'],
    // A material named ("is it ceramic?") is answered by the materials the product is made of.
    ...Object.fromEntries('ceram plastic glass wood wooden bamboo metal leather silicon steel alumin cotton wool polyest nylon rubber stone marbl copper iron'.split(' ').map((m) => [m, [m, 'materi']])),
    // What a display, a cooker or a socket is in the facts' words ("no video output", "not for use on a hob", "220-240 V", "UK plug").
    monitor: ['video'], display: ['video'], stove: ['hob'], stovetop: ['hob'], cooker: ['hob'], gas: ['hob'], induct: ['hob', 'induct'], outlet: ['v', 'plug'], socket: ['v', 'plug'], european: ['eu', 'europ'],
    // Left-handers (a right-handed shape answers them), a cabin bag / carry-on, a certification, a plane's seat jack, a washer.
    lefti: ['right', 'left'], lefty: ['right', 'left'], carri: ['cabin', 'carri'], certif: ['certifi', 'certif'], certifi: ['certifi', 'certif'], jack: ['3.5', 'audio', 'jack'], seat: ['airplan'], washer: ['machin', 'wash'],
    // A return sent and the money received ("after I send a return how long til I recieve my money back").
    send: ['send', 'ship', 'return', 'output'], reciev: ['reach', 'receiv', 'get', 'arriv'],
    sete: ['level', 'mode', 'set'],
    men: ['unisex', 'men'], women: ['unisex', 'women'], male: ['unisex', 'male'], femal: ['unisex', 'femal'],
    // A tool named by what it does ("a tool to pull the keycaps off": the keycap puller), ink that bleeds through paper (ghosting).
    // "What drop height is it rated for": a rating is what it was tested to ("tested for drops from 2 metres").
    rate: ['test', 'rate'], guarante: ['warranti', 'guarante'], rememb: ['pair', 'devic'], togeth: ['sever', 'simultan', 'both'], pot: ['teapot', 'pot'], pull: ['puller', 'pull'], remov: ['remover', 'remov'], bleed: ['ghost', 'bleed'],
    litr: ['l'], liter: ['l'], mins: ['minut'], min: ['minut'], chest: ['chest'], smell: ['smell', 'odour'], dim: ['dimmabl', 'bright'], '304': ['18/8'], dimmabl: ['dim', 'bright'],
  },
  zh: {
    出国: ['全球', '100-240'], 国外: ['全球', '100-240'], 下雨天: ['雨', '防水'], 可乐: ['碳酸'], 气泡: ['碳酸'], 汽水: ['碳酸'], 浴室: ['水'], 洗澡: ['水'],
    电脑: ['设备', '电脑'], 手机: ['设备', '手机'], 续航: ['小时'], 左手: ['右手'], 耐温: ['耐热'], 投屏: ['视频'], 显示器: ['视频'], 苹果: ['mac', 'ios', 'iphone', 'macbook'],
    含量: ['%'], 男女: ['中性'], 杯子: ['杯'], 无线: ['蓝牙'], 插线: ['音频线', '3.5'], 泡茶: ['茶'], 豆浆: ['热', '煮'], 跑步: ['运动'], 正品: ['全新'], 翻新: ['翻新'],
    打开: ['撑开'], 深度: ['db', '降噪'], 侧键: ['前进', '后退'], 英标: ['英标'], 页: ['页'], 瓦: ['w'], 功率: ['w'], 分贝: ['db'], 今天: ['当天', '今天'], 之内: ['内', '之内'], 噪音: ['分贝', '噪音'], 吵: ['噪音', '分贝', '静音'], 安静: ['噪音', '分贝', '静音'], 声音: ['噪音', '分贝', '静音'], 味道: ['气味', '香'], 调光: ['亮度', '调光'], 档: ['档'],
    气泡水: ['碳酸'], 苏打水: ['碳酸'], 发黄: ['黄'], aux: ['3.5', '音频'], ipad: ['平板', 'ios', 'ipado'], 调温: ['温度', '温控'], '304': ['18/8'], 度: ['°', '度'], 升: ['l', '升'],
    寄: ['发货', '配送', '寄', '运输'], 北京: ['中国', '国内'], 上海: ['中国', '国内'], 广州: ['中国', '国内'], 深圳: ['中国', '国内'], 杭州: ['中国', '国内'], 成都: ['中国', '国内'],
    // Option kinds asked of a product not sold in them (see OPTION_KINDS).
    最亮: ['亮度', '流明', 'lm'], 热水: ['热', '保温'], 热茶: ['热', '保温'], 热咖啡: ['热', '保温'], 咖啡: ['热', '保温', '咖啡'], 左撇子: ['右手', '左手'], 游戏本: ['笔记本', '电脑'], 扎脚: ['扎'], 扎: ['扎'],
    趴着睡: ['趴睡'], 侧着睡: ['侧睡'], 仰着睡: ['仰睡'], 偏软: ['软硬'], 偏硬: ['软硬'], 软: ['软硬'], 硬: ['软硬'], 套子: ['套'], rgb: ['白色', '背光'], 出汗: ['防水', '汗', '运动'],
    淋雨: ['雨', '水', '防水'], 游泳: ['水', 'ipx7', '防水'], 泳池: ['水', 'ipx7', '防水'], 耐高温: ['耐热', '°', '度', '高温'], 摔: ['破损', '摔'], 碎: ['破损', '碎'],
    // Card brands the payment entry names (a brand it does not name, 银联, is no card it takes: no synonym).
    运通: ['信用卡', '运通'], 美国运通: ['信用卡', '美国运通'], 万事达: ['信用卡', '万事达'], visa: ['信用卡', 'visa'], 运通卡: ['信用卡', '美国运通'],
    二手货: ['二手', '翻新'], 旧货: ['二手', '翻新'], 翻新货: ['翻新'],
    期限: ['天内', '期限'], 大一码: ['尺码', '码'], 小一码: ['尺码', '码'], 大一号: ['尺码', '码'], 小一号: ['尺码', '码'], 能换: ['换货', '换'], 钢材: ['钢', '材质'], 接电话: ['通话'],
    卖完: ['售罄', '卖完'], 卖光: ['售罄'], 断货: ['售罄', '缺货'], 优惠码: ['折扣码', '优惠券'],
    码鞋: ['鞋码', '鞋'],
    礼物: ['礼品', '礼物'], 包成: ['包装'], 拍下: ['下单'], 拍: ['下单'], 寄到: ['到达', '收到', '寄到'], 速度: ['调速', '档', '速度'],
    macbook: ['笔记本', '电脑', 'macbook'], laptop: ['笔记本', '电脑'],
    ...Object.fromEntries('陶瓷 塑料 玻璃 木头 木质 实木 竹子 金属 真皮 皮革 硅胶 不锈钢 铝 纯棉 羊毛 涤纶 尼龙 橡胶 铜 铁'.split(' ').map((m) => [m, [m, '材质']])),
    // Cookers (不能放在炉灶上加热), water rating words and places by the water (防水：IPX7).
    煮: ['煮', '加热'], 燃气灶: ['炉灶'], 煤气灶: ['炉灶'], 电磁炉: ['炉灶', '电磁炉'], 电陶炉: ['炉灶'], 明火: ['炉灶'], 等级: ['ipx7', 'ipx', '等级'], 泳池边: ['水', 'ipx7', '防水'], 海边: ['水', 'ipx7', '防水'], 沙滩: ['水', 'ipx7', '防水'],
    // 温度能调多少到多少: what it is set to is answered by a stated range (80-200°C).
    调: ['调', '范围'],
    // An address written wrong is one to change (改地址).
    写错: ['改', '写错'], 填错: ['改', '填错'],
    // 塞得下 (fits), 羊毛占多少 (a share: a percentage), 下雨 (rain: water-resistant), 登机包 (a cabin bag).
    塞: ['放', '装', '塞'], 塞下: ['放', '装'], 占: ['%', '占'], 下雨: ['水', '防水', '泼水'], 登机包: ['登机'], 登机箱: ['登机'],
    带线: ['线'], 配线: ['线'], 送线: ['线'],
    // Dirt is why it is washed (脏了能机洗吗), ice water is kept cold, a window-opening is a window, a car's cup holder is a diameter.
    // 对应几码: a size that corresponds to another is answered by a stated equivalence ("42 码 = US 8.5").
    // 防晒指数 (a rating: UPF 50+), 路上 (in transit: 运输途中), 洇 / 渗 (ink through paper: 不透), 暴雨 (a downpour: water-resistance, never any word with 雨), 摔碎 (broken).
    指数: ['upf', 'spf', '指数', '等级'], 路: ['途中', '运输', '路'], 洇: ['透', '洇'], 渗: ['透', '渗'], 暴雨: ['防水', '泼水', '暴雨'], 摔碎: ['破损', '碎'], 磕碎: ['破损', '碎'], 打碎: ['破损', '碎'], 碰碎: ['破损', '碎'],
    对应: ['=', '对应'], 换算: ['=', '换算'],
    脏: ['洗', '清洗', '清洁'], 脏了: ['洗', '清洗', '清洁'], 冰水: ['冷', '保冷'], 冰饮: ['冷', '保冷'], 冷饮: ['冷', '保冷'], 窗口: ['窗'], 杯架: ['杯架', '直径'],
    colour: ['色'], size: ['尺码', '尺寸'], model: ['型号'], scent: ['香', '气味', '味'], length: ['长度'], switch: ['轴'], plug: ['插头', '插脚'],
    胸围: ['胸围', '尺码'], 脚长: ['脚长', '尺码'], 身高: ['身高', '尺码'], 体重: ['体重', '尺码'],
  },
};
