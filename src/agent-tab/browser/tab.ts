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

interface Ticket {
  ticketId: string;
  conversationId: string;
  lang: string;
  reason: string;
  state: string;
  agentName: string | null;
  orderId: string | null;
}

interface Entry {
  at: string;
  from: string;
  text: string;
}

const base = document.currentScript?.getAttribute('data-base') ?? '/agent-tab';
const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

let token: string | undefined;
let strings: Record<string, string> = {};
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
  const res = await fetch(`${base}/api${path}`, { ...init, headers });
  const body = (await res.json()) as T & { error?: { code: string } };
  if (!res.ok) throw new Error(body.error?.code ?? String(res.status));
  return body;
}

function status(text: string): void {
  $('status').textContent = text;
}

function fail(err: unknown): void {
  status((strings.error ?? '{code}').replace('{{code}}', err instanceof Error ? err.message : String(err)));
}

async function loadQueue(): Promise<void> {
  const { tickets } = await api<{ tickets: Ticket[] }>('/queue');
  const list = $('queue');
  list.replaceChildren(
    ...tickets.map((t) => {
      const li = document.createElement('li');
      li.dataset.ticket = t.ticketId;
      li.textContent = `${t.ticketId} · ${t.lang} · ${t.reason} · ${t.state}${t.agentName ? ` (${t.agentName})` : ''}`;
      if (t.ticketId === selected) li.className = 'selected';
      li.addEventListener('click', () => {
        selected = t.ticketId;
        void loadQueue().catch(fail);
        void loadTranscript().catch(fail);
      });
      return li;
    }),
  );
}

async function loadTranscript(): Promise<void> {
  if (!selected) return;
  const { ticket, entries } = await api<{ ticket: { ticketId: string; state: string; lang: string; agentName: string | null }; entries: Entry[] }>(
    `/tickets/${encodeURIComponent(selected)}/transcript`,
  );
  $('ticket-info').textContent = `${ticket.ticketId} · ${strings.buyerLanguage ?? ''}: ${ticket.lang} · ${ticket.state}${ticket.agentName ? ` · ${ticket.agentName}` : ''}`;
  $('transcript').replaceChildren(
    ...entries.map((e) => {
      const li = document.createElement('li');
      const from = document.createElement('span');
      from.className = 'from';
      from.textContent = `${e.from}:`;
      li.append(from, document.createTextNode(e.text));
      return li;
    }),
  );
  $('actions').hidden = false;
  $('accept').hidden = ticket.state !== 'queued';
}

async function act(path: string, body: Record<string, unknown> = {}): Promise<void> {
  if (!selected) return;
  await api(`/tickets/${encodeURIComponent(selected)}/${path}`, { method: 'POST', body: JSON.stringify({ ...body, requestId: crypto.randomUUID() }) });
  status(strings.sent ?? 'OK');
  await loadQueue();
  await loadTranscript();
}

async function lookup(): Promise<void> {
  const id = $<HTMLInputElement>('order-id').value.trim();
  if (!id) return;
  try {
    const { order } = await api<{ order: unknown }>(`/orders/${encodeURIComponent(id)}`);
    $('order').textContent = JSON.stringify(order, null, 2);
  } catch (err) {
    $('order').textContent = err instanceof Error ? err.message : String(err);
  }
}

async function main(): Promise<void> {
  const { inTeams, locale } = await initTeams();
  const setup = await fetch(`${base}/api/strings?lang=${encodeURIComponent(locale)}`).then(
    (r) => r.json() as Promise<{ strings: Record<string, string>; canned: { key: string; title: string }[] }>,
  );
  strings = setup.strings;
  document.documentElement.lang = locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const label = (id: string, key: string) => ($(id).textContent = strings[key] ?? $(id).textContent);
  label('title', 'title');
  label('queue-title', 'queue');
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
  const me = await api<{ agent: { name: string } }>('/me');
  $('who').textContent = (strings.signedIn ?? '{name}').replace('{name}', me.agent.name);

  $('refresh').addEventListener('click', () => void loadQueue().catch(fail));
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
  await loadQueue();
  // Polling keeps the queue and the open transcript live; cheap at agent-console scale.
  setInterval(() => {
    void loadQueue().catch(fail);
    void loadTranscript().catch(fail);
  }, 3000);
}

void main().catch(fail);
