/**
 * One buyer turn: record what the buyer wrote, load the conversation (snapshot + eTag), understand
 * the message, send ONE event to the root machine, wait until every machine in it is settled
 * (waiting for the buyer again, no service call in flight), save with the loaded eTag, and only then
 * hand back the rendered replies for sending. A failed turn saves nothing and says sorry.
 */
import { createActor, type AnyActorRef, type AnyStateMachine, type Snapshot } from 'xstate';
import type { Logger } from 'pino';
import type { Lang, Nlu } from '../nlu/types.js';
import { detectLanguage, requestedLanguage } from '../nlu/language.js';
import { recogniseControl } from '../nlu/control.js';
import type { ConversationRecord, ConversationStore } from '../state/conversation-store.js';
import type { TranscriptStore } from '../state/transcript-store.js';
import { EtagConflictError } from '../state/storage.js';
import type { Reply, ReplyEmitted } from '../../dialogs/reply.js';
import type { Control, TurnEvent } from '../../dialogs/events.js';
import type { RenderedReply, Renderer } from './render.js';

export interface TurnRequest {
  conversationId: string;
  /** Activity id: idempotency keys for side effects derive from it. */
  activityId: string;
  kind: 'message' | 'start' | 'agent';
  /** For kind 'agent': what the support agent did (joined, said, ended). */
  agent?: { type: 'agent.joined'; agentName: string } | { type: 'agent.said'; key?: string; text?: string } | { type: 'agent.ended' };
  text?: string;
  /** Quick reply / card submit payload. */
  value?: unknown;
  /** Email from a verified host-page buyer token. */
  verifiedEmail?: string;
  /** Language hint from the channel (page/browser locale) for the very first turn. */
  localeHint?: string;
}

export interface TurnResult {
  lang: Lang;
  replies: RenderedReply[];
  /** True when the turn failed and the replies are the apology (state unchanged). */
  failed: boolean;
}

export class TurnError extends Error {
  constructor(
    readonly code: 'TURN_TIMEOUT' | 'MACHINE_ERROR' | 'CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'TurnError';
  }
}

export interface TurnRunnerDeps {
  machine: AnyStateMachine;
  store: ConversationStore;
  transcripts: TranscriptStore;
  nlu: Nlu;
  renderer: Renderer;
  logger: Logger;
  clock?: () => Date;
  turnTimeoutMs?: number;
  maxMessageChars?: number;
  /** Retries when another writer saved first (the turn re-runs on the fresh state). */
  conflictRetries?: number;
}

type MachineSnapshotLike = Snapshot<unknown> & {
  hasTag?: (tag: string) => boolean;
  children?: Record<string, AnyActorRef | undefined>;
};

/** Settled: every machine in the tree waits for the buyer (or is done) and no service call is in flight. */
export function isSettled(snapshot: MachineSnapshotLike): boolean {
  if (snapshot.status !== 'active') return true;
  if (typeof snapshot.hasTag !== 'function') return false; // an invoked promise still running
  if (!snapshot.hasTag('awaitingUser')) return false;
  return Object.values(snapshot.children ?? {}).every((child) => {
    if (!child) return true;
    return isSettled(child.getSnapshot() as MachineSnapshotLike);
  });
}

function choiceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('choice' in value)) return undefined;
  const choice = (value as { choice: unknown }).choice;
  return typeof choice === 'string' && choice.length <= 100 ? choice : undefined;
}

export class TurnRunner {
  private readonly clock: () => Date;

  constructor(private readonly deps: TurnRunnerDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async run(req: TurnRequest): Promise<TurnResult> {
    const now = this.clock();
    const text = (req.text ?? '').trim();
    const log = this.deps.logger.child({ conversationId: req.conversationId, activityId: req.activityId });
    if (req.kind === 'message' && text) {
      // Written before anything can fail: nothing the buyer wrote is ever lost.
      await this.deps.transcripts.append(req.conversationId, [
        { at: now.toISOString(), from: 'buyer', text, activityId: req.activityId },
      ]);
    }
    let lang: Lang = 'en';
    const retries = this.deps.conflictRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.attempt(req, text, now);
        lang = result.lang;
        await this.deps.transcripts.append(
          req.conversationId,
          result.replies.map((r) => ({ at: now.toISOString(), from: 'bot' as const, text: r.text, key: r.key })),
        );
        return result;
      } catch (err) {
        if (err instanceof EtagConflictError && attempt < retries) {
          log.warn({ attempt }, 'conversation changed during the turn; re-running on fresh state');
          continue;
        }
        log.error({ err }, 'turn failed');
        lang = await this.languageForApology(req, text);
        const key = err instanceof EtagConflictError ? 'common:errors.busy' : 'common:errors.generic';
        return { lang, failed: true, replies: this.deps.renderer.render([{ key }], lang) };
      }
    }
  }

  private async attempt(req: TurnRequest, text: string, now: Date): Promise<TurnResult> {
    const { record, eTag } = await this.deps.store.load(req.conversationId);
    const nowIso = now.toISOString();
    const next: ConversationRecord = record
      ? { ...record, turns: record.turns + 1, updatedAt: nowIso }
      : {
          snapshot: undefined,
          lang: localeToLang(req.localeHint) ?? detectLanguage(text, 'en'),
          langPinned: false,
          createdAt: nowIso,
          updatedAt: nowIso,
          turns: 1,
        };

    const max = this.deps.maxMessageChars ?? 2000;
    if (req.kind === 'message' && text.length > max) {
      const lang = detectLanguage(text, next.lang);
      return this.finish(req, next, eTag, [{ key: 'common:errors.tooLong', values: { max } }], lang, true);
    }

    const asked = req.kind === 'message' ? requestedLanguage(text) : undefined;
    if (asked) {
      next.lang = asked;
      next.langPinned = true;
      return this.finish(req, next, eTag, [{ key: 'common:languageSwitched' }], asked);
    }
    if (req.kind === 'message' && !next.langPinned) next.lang = detectLanguage(text, next.lang);
    const lang = next.lang;

    const choice = choiceOf(req.value);
    if (req.kind === 'message' && !text && !choice) {
      return this.finish(req, next, eTag, [{ key: 'common:errors.empty' }], lang, true);
    }

    let event: TurnEvent;
    if (req.kind === 'start') {
      event = { type: 'conversation.started', turnId: req.activityId, now: nowIso, lang };
    } else if (req.kind === 'agent') {
      if (!req.agent) throw new TurnError('MACHINE_ERROR', 'agent turn without an agent event');
      event = { ...req.agent, turnId: req.activityId, now: nowIso };
    } else {
      const nlu = await this.deps.nlu.understand(text, lang);
      event = {
        type: 'user.said',
        turnId: req.activityId,
        now: nowIso,
        lang,
        text,
        nlu: {
          intent: nlu.intent,
          score: nlu.score,
          entities: nlu.entities,
          ...(nlu.alternative ? { alternative: nlu.alternative } : {}),
          ...(nlu.faq ? { faq: nlu.faq } : {}),
        },
        ...(choice ? { choice } : {}),
        ...controlOf(text, lang),
        ...(req.verifiedEmail ? { verifiedEmail: req.verifiedEmail } : {}),
      };
    }

    const { replies, snapshot } = await this.runMachine(req.conversationId, record?.snapshot, event);
    next.snapshot = snapshot;
    return this.finish(req, next, eTag, replies, lang);
  }

  /** Save first; only a saved turn's replies are returned for sending. Rejected input saves nothing. */
  private async finish(
    req: TurnRequest,
    next: ConversationRecord,
    eTag: string | undefined,
    replies: Reply[],
    lang: Lang,
    rejected = false,
  ): Promise<TurnResult> {
    if (!rejected) await this.deps.store.save(req.conversationId, next, eTag);
    return { lang, failed: rejected, replies: this.deps.renderer.render(replies, lang) };
  }

  private async runMachine(
    conversationId: string,
    persisted: unknown,
    event: TurnEvent,
  ): Promise<{ replies: Reply[]; snapshot: unknown }> {
    const replies: Reply[] = [];
    let failure: unknown;
    let wake: (() => void) | undefined;
    const actor = createActor(this.deps.machine, {
      input: { conversationId },
      ...(persisted ? { snapshot: persisted as Snapshot<unknown> } : {}),
      inspect: (ev) => {
        if (ev.type === '@xstate.actor') {
          const ref = ev.actorRef as AnyActorRef & { on?: (type: string, fn: (e: ReplyEmitted) => void) => unknown };
          ref.on?.('reply', (e: ReplyEmitted) => replies.push(e.reply));
        }
        if (ev.type === '@xstate.snapshot') wake?.();
      },
    });
    actor.subscribe({ error: (err) => { failure = err; wake?.(); } });
    actor.start();
    try {
      actor.send(event);
      const timeoutMs = this.deps.turnTimeoutMs ?? 10_000;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new TurnError('TURN_TIMEOUT', `turn not settled after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (failure !== undefined) {
            clearTimeout(timer);
            reject(failure instanceof Error ? failure : new TurnError('MACHINE_ERROR', String(failure)));
          } else if (isSettled(actor.getSnapshot() as MachineSnapshotLike)) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake = check;
        check();
      });
      if (actor.getSnapshot().status === 'error') throw new TurnError('MACHINE_ERROR', 'root machine failed');
      return { replies, snapshot: actor.getPersistedSnapshot() };
    } finally {
      wake = undefined;
      actor.stop();
    }
  }

  private async languageForApology(req: TurnRequest, text: string): Promise<Lang> {
    try {
      const { record } = await this.deps.store.load(req.conversationId);
      if (record?.langPinned) return record.lang;
      return detectLanguage(text, record?.lang ?? localeToLang(req.localeHint) ?? 'en');
    } catch {
      return detectLanguage(text, localeToLang(req.localeHint) ?? 'en');
    }
  }
}

function controlOf(text: string, lang: Lang): { control?: Control } {
  const control = recogniseControl(text, lang);
  return control ? { control } : {};
}

/** "zh-CN", "zh-Hans", "zh" → zh; "en-US" → en; anything else → undefined. */
export function localeToLang(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  const l = locale.toLowerCase();
  if (l.startsWith('zh')) return 'zh';
  if (l.startsWith('en')) return 'en';
  return undefined;
}
