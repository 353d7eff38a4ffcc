/**
 * Closed-class answers (yes / no / never mind / go back / help) recognised by exact phrase lists rather than
 * the intent classifier: they are short, unambiguous in context, and "cancel" here must not be
 * mistaken for "cancel my order".
 */
import type { Control } from './types.js';
import type { Lang } from '../domain/lang.js';

const PHRASES: Record<Control, { en: string[]; zh: string[] }> = {
  yes: {
    en: ['yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'correct', 'right', 'confirm', 'yes please', 'please do', 'do it', 'go ahead', 'that is right', "that's right", 'sounds good', 'yes confirm', 'confirmed'],
    zh: ['是', '是的', '对', '对的', '好', '好的', '可以', '行', '确认', '确定', '没错', '嗯', '嗯嗯', '好吧', '要', '需要', '同意', '对，确认', '是的，确认'],
  },
  no: {
    en: ['no', 'n', 'nope', 'nah', 'no thanks', 'no thank you', 'not really', "don't", 'do not', 'wrong', 'incorrect'],
    zh: ['不', '不是', '不用', '不要', '不对', '否', '不需要', '不用了', '不了', '错了'],
  },
  abort: {
    en: ['never mind', 'nevermind', 'forget it', 'stop', 'cancel that', 'start over', 'quit', 'exit', 'nvm', 'forget about it', 'leave it'],
    zh: ['算了', '不用了谢谢', '取消这个', '重新开始', '退出', '不办了', '先不了', '算了吧'],
  },
  back: {
    en: ['back', 'go back', 'previous', 'previous step', 'undo'],
    zh: ['返回', '上一步', '返回上一步', '回去'],
  },
  // Only whole messages: "help me cancel my order" is a request, not a question about the bot.
  help: {
    en: ['help', 'help me', 'i need help', 'menu', 'main menu', 'show menu', 'show me the menu', 'what can you do', 'what can you help with', 'what can you help me with', 'what can i ask', 'what can i ask you', 'what do you do', 'how does this work'],
    zh: ['帮助', '求助', '菜单', '主菜单', '功能', '有什么功能', '你有什么功能', '你能做什么', '你可以做什么', '你会什么', '你能帮我做什么', '你能帮我什么', '能帮我什么', '可以帮我做什么', '怎么用', '我能问什么'],
  },
};

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s.!?,。！？，~～]+/gu, ' ')
    .trim();

const LOOKUP = new Map<string, Control>();
for (const [control, byLang] of Object.entries(PHRASES) as [Control, { en: string[]; zh: string[] }][]) {
  for (const phrase of [...byLang.en, ...byLang.zh]) LOOKUP.set(normalise(phrase), control);
}

export function recogniseControl(text: string, _lang: Lang): Control | undefined {
  if (text.length > 40) return undefined;
  return LOOKUP.get(normalise(text));
}
