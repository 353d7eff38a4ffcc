/**
 * `npm run bench:dialogs [files...]`: multi-turn scenario sets (format: bench/dialogs/README.md) run
 * over `/api/messages` (real HTTP server on 127.0.0.1, real botbuilder adapter, `expectReplies`) against
 * the demo store exactly as `npm start` builds it. Each scenario gets a fresh assistant (so one
 * scenario's cancel cannot change the next one's order); the trained NLU is shared to keep it fast.
 * Effects are read from the assistant's own services. Per-scenario pass/fail, the transcript of every
 * failure, and a JSON summary as the last line. `--only <id>` runs one scenario; `--verbose` prints
 * every transcript.
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { createAssistant } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { listen } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { createNlu } from '../src/nlu/index.js';

interface Scenario {
  id: string;
  lang: 'en' | 'zh';
  story?: string;
  typedOnly?: boolean;
  turns: ({ say: string } | { click: string })[];
  expect: {
    cancelled?: string[];
    notCancelled?: string[];
    returnCreated?: { order: string; item?: string; sellerPays?: boolean };
    noReturn?: boolean;
    complaintRecorded?: boolean;
    handoff?: boolean;
    finalLanguage?: 'en' | 'zh';
    mentions?: string[];
    lastReplyMentions?: string[];
    neverMentions?: string[];
  };
}

interface Button {
  title: string;
  value: unknown;
}

interface Reply {
  text: string;
  buttons: Button[];
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const verbose = args.includes('--verbose');
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');
if (files.length === 0) files.push('bench/dialogs/blind1.json');

const silent = createLogger('error', new Writable({ write: (_c, _e, cb) => cb() }));
const nlu = await createNlu();

/** Every piece of text a reply shows (message text and card text blocks). */
function replyOf(a: Partial<Activity>): Reply {
  const parts: string[] = [a.text ?? ''];
  const buttons: Button[] = (a.suggestedActions?.actions ?? []).map((c) => ({ title: String(c.title), value: c.value }));
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') parts.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string') parts.push(`${o.title}: ${o.value}`);
    if ((o.type === 'Action.Submit' || o.type === 'imBack' || o.type === 'messageBack') && typeof o.title === 'string') {
      buttons.push({ title: o.title, value: o.data ?? o.value });
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(a.attachments?.map((x) => x.content));
  return { text: parts.filter(Boolean).join('\n'), buttons };
}

/** The reply's language by script: Han characters outweigh Latin letters in a Chinese reply. */
function languageOf(text: string): 'en' | 'zh' {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han * 3 > latin ? 'zh' : 'en';
}

async function runScenario(s: Scenario) {
  const assistant = await createAssistant(loadConfig({}, { port: 0, logLevel: 'error' }), { nlu, logger: silent });
  const running = await listen(assistant.app, 0, '127.0.0.1');
  assistant.setPublicBaseUrl(running.url);
  const conversationId = `bench-${s.id}-${randomUUID()}`;
  const handedOff: string[] = [];
  assistant.services.handoff.listen({ ticketCreated: async (t) => void handedOff.push(t.conversationId) });
  const ordersOfInterest = new Set<string>([...(s.expect.cancelled ?? []), ...(s.expect.notCancelled ?? []), ...(s.expect.returnCreated ? [s.expect.returnCreated.order] : [])]);
  for (const turn of s.turns) for (const m of ('say' in turn ? turn.say : '').matchAll(/\d{3}-\d{7}-\d{7}/g)) ordersOfInterest.add(m[0]);
  const returnsBefore = new Map<string, number>();
  for (const id of ordersOfInterest) returnsBefore.set(id, (await assistant.services.orders.listReturns(id)).length);

  const transcript: string[] = [];
  const allReplies: string[] = [];
  let last: Reply[] = [];
  const post = async (activity: Partial<Activity>) => {
    const res = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: randomUUID(),
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: conversationId },
        from: { id: 'buyer', name: 'Buyer' },
        recipient: { id: 'bot', name: 'Assistant' },
        timestamp: new Date().toISOString(),
        locale: s.lang === 'zh' ? 'zh-CN' : 'en-US',
        deliveryMode: 'expectReplies',
        ...activity,
      }),
    });
    const body = res.status === 200 ? ((await res.json()) as { activities?: Partial<Activity>[] }) : { activities: [] };
    return (body.activities ?? []).filter((a) => a.type === 'message').map(replyOf);
  };
  const problems: string[] = [];
  try {
    for (const turn of s.turns) {
      let replies: Reply[];
      if ('say' in turn) {
        transcript.push(`  buyer: ${turn.say}`);
        replies = await post({ type: 'message', text: turn.say });
      } else {
        const want = turn.click.toLowerCase();
        const button = [...last].reverse().flatMap((r) => r.buttons).find((b) => b.title.toLowerCase().includes(want))
          ?? last.flatMap((r) => r.buttons).find((b) => b.title.toLowerCase().includes(want));
        if (!button) {
          problems.push(`no button "${turn.click}" in the latest reply`);
          transcript.push(`  buyer: [click "${turn.click}": NO SUCH BUTTON]`);
          break;
        }
        transcript.push(`  buyer: [click ${button.title}]`);
        replies = await post({ type: 'message', text: button.title, value: button.value });
      }
      for (const r of replies) {
        transcript.push(`  bot:   ${r.text.replace(/\n/g, '\n         ')}${r.buttons.length ? `\n         [${r.buttons.map((b) => b.title).join(' | ')}]` : ''}`);
        allReplies.push(r.text);
      }
      last = replies;
    }
    const e = s.expect;
    const all = allReplies.join('\n');
    const lastText = last.map((r) => r.text).join('\n');
    for (const id of e.cancelled ?? []) if ((await assistant.services.orders.findById(id))?.status !== 'cancelled') problems.push(`order ${id} not cancelled`);
    for (const id of e.notCancelled ?? []) if ((await assistant.services.orders.findById(id))?.status === 'cancelled') problems.push(`order ${id} cancelled`);
    // A return the buyer withdrew before sending anything is no return.
    const newReturns = async (id: string) => (await assistant.services.orders.listReturns(id)).slice(returnsBefore.get(id) ?? 0).filter((r) => r.status !== 'withdrawn');
    if (e.returnCreated) {
      const rc = e.returnCreated;
      const order = await assistant.services.orders.findById(rc.order);
      const created = await newReturns(rc.order);
      const words = (rc.item ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const matching = created.filter((r) => {
        if (words.length === 0) return true;
        const titles = r.skus.map((sku) => order?.items.find((i) => i.sku === sku)?.title.toLowerCase() ?? '');
        return titles.some((t) => words.every((w) => t.includes(w)));
      });
      if (matching.length === 0) problems.push(`no return for ${rc.order}${rc.item ? ` (${rc.item})` : ''}`);
      else if (rc.sellerPays !== undefined && !matching.some((r) => (r.returnShippingPaidBy === 'seller') === rc.sellerPays)) problems.push(`return for ${rc.order}: sellerPays is not ${String(rc.sellerPays)}`);
    }
    if (e.noReturn) for (const id of ordersOfInterest) if ((await newReturns(id)).length > 0) problems.push(`a return was created for ${id}`);
    if (e.complaintRecorded !== undefined) {
      const recorded = (await assistant.services.complaints.list({ conversationId })).length > 0;
      if (recorded !== e.complaintRecorded) problems.push(`complaint recorded: ${String(recorded)}`);
    }
    if (e.handoff !== undefined) {
      const was = handedOff.includes(conversationId);
      if (was !== e.handoff) problems.push(`handoff: ${String(was)}`);
    }
    if (e.finalLanguage && (lastText === '' || languageOf(lastText) !== e.finalLanguage)) problems.push(`last reply not in ${e.finalLanguage}`);
    for (const m of e.mentions ?? []) if (!all.toLowerCase().includes(m.toLowerCase())) problems.push(`never mentioned "${m}"`);
    for (const m of e.lastReplyMentions ?? []) if (!lastText.toLowerCase().includes(m.toLowerCase())) problems.push(`last reply lacks "${m}"`);
    for (const m of e.neverMentions ?? []) if (all.toLowerCase().includes(m.toLowerCase())) problems.push(`mentioned "${m}"`);
  } catch (err) {
    problems.push(`error: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await running.close();
    await assistant.close();
  }
  return { problems, transcript };
}

const results: { id: string; set: string; lang: string; typedOnly: boolean; pass: boolean }[] = [];
for (const file of files) {
  const set = JSON.parse(readFileSync(file, 'utf8')) as { set: string; scenarios: Scenario[] };
  for (const s of set.scenarios) {
    if (only && s.id !== only) continue;
    const { problems, transcript } = await runScenario(s);
    const pass = problems.length === 0;
    results.push({ id: s.id, set: set.set, lang: s.lang, typedOnly: s.typedOnly === true, pass });
    console.log(`${pass ? 'PASS' : 'FAIL'} ${set.set}/${s.id}${s.story ? `  ${s.story}` : ''}`);
    if (!pass || verbose) {
      if (!pass) console.log(`  ✗ ${problems.join('; ')}`);
      console.log(transcript.join('\n'));
    }
  }
}
const rate = (rs: typeof results) => (rs.length ? Math.round((rs.filter((r) => r.pass).length / rs.length) * 1000) / 10 : 0);
const summary = {
  scenarios: results.length,
  passed: results.filter((r) => r.pass).length,
  passRate: rate(results),
  en: rate(results.filter((r) => r.lang === 'en')),
  zh: rate(results.filter((r) => r.lang === 'zh')),
  typedOnly: rate(results.filter((r) => r.typedOnly)),
  failed: results.filter((r) => !r.pass).map((r) => `${r.set}/${r.id}`),
};
console.log(JSON.stringify(summary));
process.exit(0);
