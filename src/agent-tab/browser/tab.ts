/**
 * Agent console in the browser. Inside Teams: teams-js initialises, the agent's locale comes from
 * the Teams context and every API call carries the Teams SSO token. Outside Teams initialise fails
 * or never answers: local mode (banner, no token; the server allows loopback only).
 */
export {};

interface TeamsSdk {
  app: {
    initialize(): Promise<void>;
    getContext(): Promise<{ app: { locale: string }; user?: { displayName?: string } }>;
  };
  authentication: { getAuthToken(): Promise<string> };
}

declare global {
  interface Window {
    microsoftTeams?: TeamsSdk;
  }
}

/** A queue or history line as the server renders it in the agent's language. */
interface TicketRow {
  ticketId: string;
  state: string;
  agentId: string | null;
  agentName: string | null;
  order: string;
  topic: string;
  language: string;
  status: string;
}

interface Entry {
  at: string;
  fromLabel: string;
  text: string;
}

interface Pair {
  label: string;
  value: string;
}

const base = document.currentScript?.getAttribute('data-base') ?? '/agent-tab';
const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

let token: string | undefined;
let strings: Record<string, string> = {};
let lang = 'en';
let me: { id: string; name: string } | undefined;
let selected: string | undefined;

async function initTeams(): Promise<{ inTeams: boolean; locale: string }> {
  const sdk = window.microsoftTeams;
  if (!sdk) return { inTeams: false, locale: navigator.language };
  try {
    await Promise.race([sdk.app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
    const context = await sdk.app.getContext();
    token = await sdk.authentication.getAuthToken();
    return { inTeams: true, locale: context.app.locale };
  } catch {
    return { inTeams: false, locale: navigator.language };
  }
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`${base}/api${path}${sep}lang=${lang}`, { ...init, headers });
  const body = (await res.json()) as T & { error?: { code: string; message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? body.error?.code ?? String(res.status));
  return body;
}

function status(text: string): void {
  $('status').textContent = text;
}

function fail(err: unknown): void {
  status((strings.error ?? '{{code}}').replace('{{code}}', err instanceof Error ? err.message : String(err)));
}

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

/** One clickable ticket line: order and status, then topic, language and id. */
function ticketItem(t: TicketRow): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.ticket = t.ticketId;
  if (t.ticketId === selected) li.className = 'selected';
  const button = document.createElement('button');
  button.type = 'button';
  button.append(span('order', t.order), span('status', t.status), span('topic', t.topic), span('lang', t.language), span('id', t.ticketId));
  button.addEventListener('click', () => {
    selected = t.ticketId;
    void refresh();
  });
  li.append(button);
  return li;
}

function fillList(listId: string, emptyId: string, emptyText: string, rows: TicketRow[]): void {
  $(listId).replaceChildren(...rows.map(ticketItem));
  const empty = $(emptyId);
  empty.textContent = emptyText;
  empty.hidden = rows.length > 0;
}

async function loadQueue(): Promise<void> {
  const { tickets } = await api<{ tickets: TicketRow[] }>('/queue');
  fillList('queue', 'queue-empty', strings.queueEmpty ?? '', tickets);
}

async function loadHistory(): Promise<void> {
  const { tickets } = await api<{ tickets: TicketRow[] }>('/history');
  fillList('history', 'history-empty', strings.historyEmpty ?? '', tickets);
}

/** Accept while queued; reply, canned replies and end only once this agent holds the ticket. */
function showActions(ticket: TicketRow): void {
  const mine = ticket.state === 'accepted' && ticket.agentId === me?.id;
  $('accept').hidden = ticket.state !== 'queued';
  $('actions').hidden = !mine;
  const notice =
    ticket.state === 'queued'
      ? strings.acceptFirst
      : ticket.state === 'accepted' && !mine
        ? (strings.notYours ?? '').replace('{name}', ticket.agentName ?? '')
        : ticket.state === 'closed' || ticket.state === 'withdrawn'
          ? strings.readOnly
          : undefined;
  $('notice').textContent = notice ?? '';
  $('notice').hidden = !notice;
}

async function loadTranscript(): Promise<void> {
  if (!selected) return;
  const { ticket, entries } = await api<{ ticket: TicketRow; entries: Entry[] }>(`/tickets/${encodeURIComponent(selected)}/transcript`);
  $('ticket-info').textContent = `${ticket.order} · ${ticket.topic} · ${strings.buyerLanguage ?? ''}: ${ticket.language} · ${ticket.status}`;
  $('transcript').replaceChildren(
    ...entries.map((e) => {
      const li = document.createElement('li');
      li.append(span('from', `${e.fromLabel}:`), document.createTextNode(e.text));
      return li;
    }),
  );
  showActions(ticket);
}

async function refresh(): Promise<void> {
  await Promise.all([loadQueue(), loadHistory(), loadTranscript()]).catch(fail);
}

async function act(path: string, body: Record<string, unknown> = {}): Promise<void> {
  if (!selected) return;
  await api(`/tickets/${encodeURIComponent(selected)}/${path}`, { method: 'POST', body: JSON.stringify({ ...body, requestId: crypto.randomUUID() }) });
  status(strings.sent ?? 'OK');
  await refresh();
}

function pairs(rows: Pair[]): HTMLDListElement {
  const dl = document.createElement('dl');
  for (const r of rows) {
    const dt = document.createElement('dt');
    dt.textContent = r.label;
    const dd = document.createElement('dd');
    dd.textContent = r.value;
    dl.append(dt, dd);
  }
  return dl;
}

async function lookup(): Promise<void> {
  const id = $<HTMLInputElement>('order-id').value.trim();
  if (!id) return;
  const out = $('order');
  try {
    const { view, message } = await api<{ view: { title: string; rows: Pair[]; policyTitle: string; policy: Pair[] } | null; message?: string }>(`/orders/${encodeURIComponent(id)}`);
    if (!view) {
      out.textContent = message ?? '';
      return;
    }
    const title = document.createElement('h3');
    title.textContent = view.title;
    const policy = document.createElement('h3');
    policy.textContent = view.policyTitle;
    out.replaceChildren(title, pairs(view.rows), policy, pairs(view.policy));
  } catch (err) {
    out.textContent = err instanceof Error ? err.message : String(err);
  }
}

async function main(): Promise<void> {
  const { inTeams, locale } = await initTeams();
  lang = locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const setup = await fetch(`${base}/api/strings?lang=${lang}`).then((r) => r.json() as Promise<{ strings: Record<string, string>; canned: { key: string; title: string }[] }>);
  strings = setup.strings;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const label = (id: string, key: string) => ($(id).textContent = strings[key] ?? $(id).textContent);
  label('title', 'title');
  label('queue-title', 'queue');
  label('history-title', 'history');
  label('refresh', 'refresh');
  label('transcript-title', 'transcript');
  label('reply-label', 'reply');
  label('send', 'send');
  label('send-canned', 'send');
  label('accept', 'accept');
  label('end', 'end');
  label('order-title', 'orderLookup');
  label('lookup', 'lookup');
  document.title = strings.title ?? document.title;
  $('transcript').textContent = strings.pickTicket ?? '';
  $('canned').replaceChildren(
    ...setup.canned.map((c) => {
      const o = document.createElement('option');
      o.value = c.key;
      o.textContent = c.title;
      return o;
    }),
  );
  if (!inTeams) {
    $('banner').textContent = strings.localMode ?? 'Local mode';
    $('banner').hidden = false;
  }
  me = (await api<{ agent: { id: string; name: string } }>('/me')).agent;
  $('who').textContent = (strings.signedIn ?? '{name}').replace('{name}', me.name);

  $('refresh').addEventListener('click', () => void refresh());
  $('accept').addEventListener('click', () => void act('accept').catch(fail));
  $('end').addEventListener('click', () => void act('end').catch(fail));
  $('send').addEventListener('click', () => {
    const box = $<HTMLTextAreaElement>('reply');
    const text = box.value.trim();
    if (!text) return;
    void act('reply', { text })
      .then(() => {
        box.value = '';
      })
      .catch(fail);
  });
  $('send-canned').addEventListener('click', () => void act('reply', { key: $<HTMLSelectElement>('canned').value }).catch(fail));
  $('lookup').addEventListener('click', () => void lookup());
  $('order-id').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void lookup();
  });
  await refresh();
  // Polling keeps the queue and the open transcript live; cheap at agent-console scale.
  setInterval(() => void refresh(), 3000);
}

void main().catch(fail);
