/**
 * One buyer turn: record what the buyer wrote, load the conversation (snapshot + eTag), understand
 * the message, send ONE event to the root machine, wait until every machine in it is settled
 * (waiting for the buyer again, no service call in flight), save with the loaded eTag, and only then
 * hand back the rendered replies for sending. A failed turn saves nothing and says sorry.
 */
import { createActor, type AnyActorRef, type AnyStateMachine, type Snapshot } from 'xstate';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Lang, Nlu, NluResult } from '../nlu/types.js';
import { detectLanguage, requestedLanguage } from '../nlu/language.js';
import { recogniseControl } from '../nlu/control.js';
import { activityTag, conversationKey, type ChannelReference, type ConversationRecord, type ConversationStore, type LoadedConversation, type RecentTurn } from '../state/conversation-store.js';
import type { TranscriptEntry, TranscriptStore } from '../state/transcript-store.js';
import { EtagConflictError, StorageUnavailableError } from '../state/storage.js';
import type { ConversationLock, Lease } from '../state/conversation-lock.js';
import type { RateLimiter } from '../state/rate-limiter.js';
import { noMetrics, type TurnMetrics, type TurnOutcome } from '../metrics/metrics.js';
import type { Reply, ReplyEmitted } from '../../dialogs/reply.js';
import type { Control, TurnEvent } from '../../dialogs/events.js';
import type { RenderedReply, Renderer } from './render.js';
import type { PresalesTurn } from '../services/catalog/turn.js';
import type { LiveDialog, LiveDialogs, Saved, TurnSink } from './live-dialogs.js';

export interface TurnRequest {
  conversationId: string;
  /** Activity id: idempotency keys for side effects derive from it. */
  activityId: string;
  kind: 'message' | 'start' | 'agent';
  /** For kind 'agent': what the support agent did (joined, said, ended). */
  agent?: { type: 'agent.joined'; agentName: string } | { type: 'agent.said'; key?: string; values?: Record<string, string | number>; text?: string } | { type: 'agent.ended' };
  text?: string;
  /** Quick reply / card submit payload. */
  value?: unknown;
  /** Email from a verified host-page buyer token. */
  verifiedEmail?: string;
  /** Links to photos the buyer attached. */
  photos?: string[];
  /** Language hint from the channel (page/browser locale) for the very first turn. */
  localeHint?: string;
  /** Product id of the page the buyer is on (the widget passes it): "this one" in pre-sales questions. */
  pageProductId?: string;
  /**
   * The channel's conversation reference for reaching the buyer later (buyer turns), saved in the
   * record with the turn; not interpreted here. Absent: the stored one is kept (agent turns).
   */
  reference?: ChannelReference;
}

export interface TurnResult {
  lang: Lang;
  replies: RenderedReply[];
  /** True when the turn failed and the replies are the apology (state unchanged). */
  failed: boolean;
  /** How the turn ended (metrics, logs, tests). */
  outcome?: TurnOutcome;
  /** Intent the NLU found, for buyer messages that reached it. */
  intent?: string;
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
  /** Orders turns of one conversation (across instances with Redis). None: turns may race and the eTag decides. */
  lock?: ConversationLock;
  /** Lock lifetime (a crashed holder frees it); default turnTimeoutMs + 5 s. */
  lockTtlMs?: number;
  /** How long a turn waits for the previous one of the same conversation; default 3 s. */
  lockWaitMs?: number;
  /** Per-conversation message limit. */
  rateLimiter?: RateLimiter;
  /** Buyer messages per minute per conversation; 0 or absent = no limit. */
  conversationLimitPerMinute?: number;
  /** Same text + choice within this many ms of the previous turn = a re-delivery (0 = only the same activity id). */
  duplicateWindowMs?: number;
  /** Wall clock in epoch ms for duplicate windows (delivery retries happen in real time, not dialog time). */
  wallClock?: () => number;
  metrics?: TurnMetrics;
  /** Dialog actors kept running between turns (see live-dialogs.ts). None: every turn restores. */
  liveDialogs?: LiveDialogs;
  /** Pre-sales answers from the catalog and knowledge base (src/services/catalog/turn.ts). */
  presales?: PresalesTurn;
}

/** Characters of the buyer's text used to pick the apology's language (bounded work for hostile input). */
const APOLOGY_SAMPLE = 500;

/** How many turns' fingerprints a conversation keeps for duplicate detection. */
const RECENT_TURNS = 5;

/** A turn that ends before the machine runs, with a reply key and an outcome. */
class EarlyEnd extends Error {
  constructor(
    readonly outcome: TurnOutcome,
    readonly key: string,
  ) {
    super(outcome);
  }
}

/** What a turn asked for before it started (see `TurnRunner.open`). */
interface Opening {
  rate: Promise<void>;
  lease: Promise<Lease | undefined>;
  loaded: Promise<LoadedConversation>;
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
    const started = performance.now();
    const result = await this.runGuarded(req);
    const metrics = this.deps.metrics ?? noMetrics;
    const outcome = result.outcome ?? (result.failed ? 'failed' : 'ok');
    metrics.turn(outcome, (performance.now() - started) / 1000);
    if (result.intent) metrics.intent(result.intent, result.lang);
    return result;
  }

  /** Rate limit and lock around the turn; every failure becomes an apology in the buyer's language. */
  private async runGuarded(req: TurnRequest): Promise<TurnResult> {
    const now = this.clock();
    const text = (req.text ?? '').trim();
    let child: Logger | undefined;
    // Most turns log nothing: the child logger (bindings, redaction setup) is built on first use.
    const log = (): Logger => (child ??= this.deps.logger.child({ conversationId: req.conversationId, activityId: req.activityId }));
    const opening = this.open(req);
    let lease: Lease | undefined;
    let released = false;
    try {
      await opening.rate;
      lease = await opening.lease;
      // Granted at once (or no lock at all): the reads issued with the lock request ran after it.
      const fresh = lease !== undefined || !this.deps.lock;
      if (!lease) lease = await this.acquire(req.conversationId);
      const { result, botLines } = await this.locked(req, text, now, log, fresh ? opening : undefined);
      if (botLines) {
        // Sent with the release, in order on the same connection: the lines land before the next turn's.
        released = true;
        const [appended] = await Promise.allSettled([botLines, lease?.release()]);
        // The turn is saved (an order may be cancelled): its replies must reach the buyer. Only the
        // transcript misses the bot's lines (the buyer's words were recorded before the turn).
        if (appended.status === 'rejected') log().error({ err: appended.reason }, "turn saved but the bot's lines could not be added to the transcript");
      }
      return result;
    } catch (err) {
      const result = await this.apologise(req, text, err, log, err instanceof EarlyEnd ? opening.loaded : undefined);
      if (err instanceof EarlyEnd) await this.recordRefused(req, text, now, result, log);
      return result;
    } finally {
      if (!released) await (lease ?? (await opening.lease.catch(() => undefined)))?.release();
    }
  }

  /**
   * Everything a turn asks of shared state before it can start, issued in one go: the rate-limit
   * hit, one try at the lock and the record. On Redis these leave in one
   * write and are executed in that order, so when the lock is granted at once the reads are exactly
   * what a read after acquiring would have seen (and the save's eTag check backs that up anyway).
   * When the lock is busy the reads are dropped and done again once it is ours.
   */
  private open(req: TurnRequest): Opening {
    const lock = this.deps.lock;
    const opening: Opening = {
      rate: req.kind === 'message' ? this.checkRate(req.conversationId) : Promise.resolve(),
      lease: lock ? lock.acquire(conversationKey(req.conversationId, 'lock'), { ttlMs: this.lockTtlMs(), waitMs: 0 }) : Promise.resolve(undefined),
      loaded: this.load(req.conversationId),
    };
    // Each is awaited (or dropped) later; none may become an unhandled rejection meanwhile.
    for (const pending of [opening.rate, opening.lease, opening.loaded]) pending.catch(() => undefined);
    return opening;
  }

  /** The conversation's record; the one this process saved last is not unpacked again if still current. */
  private load(conversationId: string): Promise<LoadedConversation> {
    return this.deps.store.load(conversationId, this.deps.liveDialogs?.peek(conversationId));
  }

  private lockTtlMs(): number {
    return this.deps.lockTtlMs ?? (this.deps.turnTimeoutMs ?? 10_000) + 5000;
  }

  private async checkRate(conversationId: string): Promise<void> {
    const limit = this.deps.conversationLimitPerMinute ?? 0;
    if (!this.deps.rateLimiter || limit <= 0) return;
    const hit = await this.deps.rateLimiter.hit(conversationKey(conversationId, 'rate'), limit, 60_000);
    if (!hit.allowed) throw new EarlyEnd('rate_limited', 'limits:rateLimited');
  }

  private async acquire(conversationId: string): Promise<Lease | undefined> {
    if (!this.deps.lock) return undefined;
    const lease = await this.deps.lock.acquire(conversationKey(conversationId, 'lock'), { ttlMs: this.lockTtlMs(), waitMs: this.deps.lockWaitMs ?? 3000 });
    if (!lease) throw new EarlyEnd('busy', 'common:errors.busy');
    return lease;
  }

  /**
   * The turn under the lock. `opening` holds reads made with the lock request (first attempt only).
   * The bot's lines come back as a pending append, so they go out together with the lock release.
   */
  private async locked(
    req: TurnRequest,
    text: string,
    now: Date,
    log: () => Logger,
    opening: Opening | undefined,
  ): Promise<{ result: TurnResult; botLines?: Promise<void> }> {
    const retries = this.deps.conflictRetries ?? 2;
    let recorded = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const loaded = await (attempt === 0 && opening ? opening.loaded : this.load(req.conversationId));
        const duplicate = this.duplicateOf(req, text, loaded.record);
        if (duplicate) {
          const sameId = sameActivity(duplicate, req);
          log().info({ sameId }, 'duplicate delivery; not processed again');
          const lang = duplicate.lang ?? loaded.record?.lang ?? 'en';
          const result: TurnResult =
            sameId && duplicate.replies
              ? { lang, failed: false, outcome: 'duplicate', replies: this.deps.renderer.render(duplicate.replies, lang) }
              : { lang: loaded.record?.lang ?? 'en', failed: false, outcome: 'duplicate', replies: [] };
          return { result };
        }
        if (!recorded && speaks(req, text)) {
          // Written before the machine runs: nothing the buyer wrote is lost, even if the turn fails.
          await this.recordBuyerLine(req, text, now);
          recorded = true;
        }
        const result = await this.attempt(req, text, now, loaded);
        if (result.replies.length === 0) return { result };
        const botLines = this.deps.transcripts.append(req.conversationId, botLinesOf(result.replies, now));
        botLines.catch(() => undefined);
        return { result, botLines };
      } catch (err) {
        if (err instanceof EtagConflictError && attempt < retries) {
          log().warn({ attempt }, 'conversation changed during the turn; re-running on fresh state');
          continue;
        }
        if (!recorded && speaks(req, text)) {
          // Best effort: the store may be the thing that is down.
          await this.recordBuyerLine(req, text, now).catch(() => undefined);
        }
        throw err;
      }
    }
  }

  /**
   * A redelivery of an activity whose turn never saved (its instance died, or the save was lost, or
   * it was refused) finds the buyer's line already written by that first attempt: the buyer said it
   * once, so it is not written twice (the store checks its last few lines in the same step as the
   * write). `then` (a refusal's reply) is written either way.
   */
  private async recordBuyerLine(req: TurnRequest, text: string, now: Date, then: TranscriptEntry[] = []): Promise<void> {
    await this.deps.transcripts.appendBuyerLine(req.conversationId, tagOf(req), [buyerLine(req, text, now, this.maxChars()), ...then], then);
  }

  /**
   * A refused turn (busy, rate limited) still keeps what the buyer wrote, and what they were told,
   * in the transcript. Best effort: the refusal is the answer whatever happens here.
   */
  private async recordRefused(req: TurnRequest, text: string, now: Date, result: TurnResult, log: () => Logger): Promise<void> {
    if (!speaks(req, text)) return;
    try {
      await this.recordBuyerLine(req, text, now, botLinesOf(result.replies, now));
    } catch (err) {
      log().warn({ err: err instanceof Error ? err.message : String(err) }, 'refused message not written to the transcript');
    }
  }

  private maxChars(): number {
    return this.deps.maxMessageChars ?? 2000;
  }

  /** Same activity id as a recent turn, or the same text and choice as the previous turn within the window. */
  private duplicateOf(req: TurnRequest, text: string, record: ConversationRecord | undefined): RecentTurn | undefined {
    const recent = record?.recent;
    if (!recent || recent.length === 0 || req.kind === 'agent') return undefined;
    const sameId = recent.find((r) => sameActivity(r, req));
    if (sameId) return sameId;
    const windowMs = this.deps.duplicateWindowMs ?? 0;
    const last = recent[recent.length - 1];
    if (windowMs <= 0 || req.kind !== 'message' || !last) return undefined;
    const wall = (this.deps.wallClock ?? Date.now)();
    if (last.h === undefined || last.at === undefined) return undefined;
    return last.h === fingerprint(text, req.value) && wall - last.at >= 0 && wall - last.at < windowMs ? last : undefined;
  }

  private apologise(req: TurnRequest, text: string, err: unknown, log: () => Logger, loaded?: Promise<LoadedConversation>): Promise<TurnResult> {
    const metrics = this.deps.metrics ?? noMetrics;
    let key = 'common:errors.generic';
    let outcome: TurnOutcome = 'failed';
    if (err instanceof EarlyEnd) {
      key = err.key;
      outcome = err.outcome;
      log().warn({ outcome }, 'turn refused');
    } else if (err instanceof StorageUnavailableError) {
      // A failed save is "maybe saved": the next load shows what won; side effects carry idempotency keys.
      key = 'common:errors.storageUnavailable';
      outcome = 'unavailable';
      metrics.error(err.code);
      log().error({ err: err.message }, 'shared state unavailable; turn not completed');
    } else if (err instanceof EtagConflictError) {
      key = 'common:errors.busy';
      metrics.error(err.code);
      log().error({ err }, 'turn failed');
    } else {
      metrics.error(err instanceof TurnError ? err.code : 'INTERNAL');
      log().error({ err }, 'turn failed');
    }
    return this.languageForApology(req, text, outcome !== 'unavailable', loaded).then((lang) => ({
      lang,
      failed: true,
      outcome,
      replies: this.deps.renderer.render([{ key }], lang),
    }));
  }

  private async attempt(req: TurnRequest, text: string, now: Date, loaded: LoadedConversation): Promise<TurnResult> {
    const { record, eTag } = loaded;
    const nowIso = now.toISOString();
    const next: ConversationRecord = record
      ? { ...record, turns: record.turns + 1, updatedAt: nowIso }
      : {
          snapshot: undefined,
          lang: localeToLang(req.localeHint) ?? detectLanguage(text.slice(0, this.deps.maxMessageChars ?? 2000), 'en'),
          langPinned: false,
          createdAt: nowIso,
          updatedAt: nowIso,
          turns: 1,
        };

    const max = this.deps.maxMessageChars ?? 2000;
    if (req.kind === 'message' && text.length > max) {
      // Detect on a prefix: detection cost grows with the text, and the limit exists to bound work.
      const lang = next.langPinned ? next.lang : detectLanguage(text.slice(0, max), next.lang);
      return (await this.finish(req, next, eTag, [{ key: 'common:errors.tooLong', values: { max } }], lang, true)).result;
    }

    const asked = req.kind === 'message' ? requestedLanguage(text) : undefined;
    if (asked) {
      next.lang = asked;
      next.langPinned = true;
      return (await this.finish(req, next, eTag, [{ key: 'common:languageSwitched' }], asked)).result;
    }
    const choice = choiceOf(req.value);
    // A clicked button's text is ours (an English product title in a Chinese chat): it says nothing
    // about the buyer's language. Only what the buyer typed moves it.
    if (req.kind === 'message' && !next.langPinned && !choice) next.lang = detectLanguage(text, next.lang);
    const lang = next.lang;

    const photos = req.photos ?? [];
    if (req.kind === 'message' && !text && !choice && photos.length === 0) {
      return (await this.finish(req, next, eTag, [{ key: 'common:errors.empty' }], lang, true)).result;
    }

    let event: TurnEvent;
    let intent: string | undefined;
    if (req.kind === 'start') {
      event = { type: 'conversation.started', turnId: req.activityId, now: nowIso, lang };
    } else if (req.kind === 'agent') {
      if (!req.agent) throw new TurnError('MACHINE_ERROR', 'agent turn without an agent event');
      event = { ...req.agent, turnId: req.activityId, now: nowIso };
    } else {
      // A photo without words has nothing to classify.
      const understood: NluResult = text ? await this.deps.nlu.understand(text, lang) : { text, lang, intent: 'none', score: 0, entities: [] };
      // A pre-sales question (catalog / knowledge base) is answered as FAQ, whatever else the NLU guessed.
      const presales = text && !choice ? this.deps.presales?.forTurn(text, lang, understood, req.pageProductId) : undefined;
      const nlu: NluResult = presales ? { ...understood, intent: presales.intent, score: presales.score } : understood;
      intent = nlu.intent;
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
        ...(photos.length > 0 ? { photos } : {}),
        ...(presales ? { presales: presales.presales } : {}),
      };
    }

    const { replies, snapshot, dialog } = await this.runMachine(req.conversationId, record?.snapshot, loaded.stored, event);
    next.snapshot = snapshot;
    let saved: Saved | undefined;
    try {
      let result: TurnResult;
      ({ result, saved } = await this.finish(req, next, eTag, replies, lang));
      return intent ? { ...result, intent } : result;
    } finally {
      // Saved: the actor is what the stored record says and can serve the next turn. Not saved: it
      // ran ahead of the store and is dropped.
      if (saved !== undefined && this.deps.liveDialogs) this.deps.liveDialogs.keep(req.conversationId, dialog, saved);
      else dialog.actor.stop();
    }
  }

  /** Save first; only a saved turn's replies are returned for sending. Rejected input saves nothing. */
  private async finish(
    req: TurnRequest,
    next: ConversationRecord,
    eTag: string | undefined,
    replies: Reply[],
    lang: Lang,
    rejected = false,
  ): Promise<{ result: TurnResult; saved?: Saved }> {
    let saved: Saved | undefined;
    if (!rejected) {
      const mark: RecentTurn = { id: tagOf(req), h: fingerprint((req.text ?? '').trim(), req.value), at: (this.deps.wallClock ?? Date.now)(), replies, lang };
      // Only the newest turn keeps its fingerprint, time and replies (re-sent if its activity id
      // comes again); older ones keep the tag, which is all a redelivery is matched on. (A raw id
      // from a record written before tags is tagged now; one that happens to be 10 long stays raw
      // and still matches as a raw id.)
      const older = (next.recent ?? []).slice(-(RECENT_TURNS - 1)).map(({ id }) => ({ id: id.length === 10 ? id : activityTag(id) }));
      const reference = req.reference ?? next.reference;
      const record: ConversationRecord = { ...next, recent: [...older, mark], ...(reference ? { reference } : {}) };
      const { stored } = await this.deps.store.save(req.conversationId, record, eTag);
      saved = { stored, record };
    }
    const result: TurnResult = { lang, failed: rejected, outcome: rejected ? 'rejected' : 'ok', replies: this.deps.renderer.render(replies, lang) };
    return saved === undefined ? { result } : { result, saved };
  }

  /**
   * Sends the turn's event to the conversation's root machine and waits until it is settled. The
   * actor comes from the live dialogs when it was left at exactly the loaded record, else it is
   * restored from the snapshot. It comes back running: the caller keeps it (saved) or stops it.
   */
  private async runMachine(
    conversationId: string,
    persisted: unknown,
    stored: string | undefined,
    event: TurnEvent,
  ): Promise<{ replies: Reply[]; snapshot: unknown; dialog: LiveDialog }> {
    let dialog = persisted ? this.deps.liveDialogs?.take(conversationId, stored) : undefined;
    if (dialog) {
      dialog.sink.replies = [];
      dialog.sink.failure = undefined;
    } else {
      dialog = this.startDialog(conversationId, persisted);
      const sink = dialog.sink;
      if (persisted && dialog.actor.getSnapshot().status === 'error') {
        // Saved by a version whose dialogs had other states (an upgrade): it can never be restored, so
        // the conversation starts over here, saying so, instead of failing on every turn from now on.
        this.deps.logger.warn({ conversationId, err: sink.failure instanceof Error ? sink.failure.message : String(sink.failure) }, 'saved dialog state does not fit these dialogs; starting over');
        dialog.actor.stop();
        dialog = this.startDialog(conversationId, undefined);
        dialog.sink.replies.push({ key: 'common:startOver' });
      }
    }
    const { actor, sink } = dialog;
    try {
      actor.send(event);
      const timeoutMs = this.deps.turnTimeoutMs ?? 10_000;
      // Turns that call no service are settled once send() returns: no timer, no waiting for them.
      if (sink.failure === undefined && !isSettled(actor.getSnapshot() as MachineSnapshotLike)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new TurnError('TURN_TIMEOUT', `turn not settled after ${timeoutMs} ms`)), timeoutMs);
          const check = () => {
            if (sink.failure !== undefined) {
              clearTimeout(timer);
              reject(sink.failure instanceof Error ? sink.failure : new TurnError('MACHINE_ERROR', String(sink.failure)));
            } else if (isSettled(actor.getSnapshot() as MachineSnapshotLike)) {
              clearTimeout(timer);
              resolve();
            }
          };
          sink.wake = check;
          check();
        });
      }
      if (sink.failure !== undefined) throw sink.failure instanceof Error ? sink.failure : new TurnError('MACHINE_ERROR', String(sink.failure));
      if (actor.getSnapshot().status === 'error') throw new TurnError('MACHINE_ERROR', 'root machine failed');
      return { replies: sink.replies, snapshot: actor.getPersistedSnapshot(), dialog };
    } catch (err) {
      actor.stop();
      throw err;
    } finally {
      sink.wake = undefined;
    }
  }

  /** A new actor tree for the conversation (from its snapshot, if any), reporting to its own sink. */
  private startDialog(conversationId: string, snapshot: unknown): LiveDialog {
    const sink: TurnSink = { replies: [], failure: undefined, wake: undefined };
    const actor = createActor(this.deps.machine, {
      input: { conversationId },
      ...(snapshot ? { snapshot: snapshot as Snapshot<unknown> } : {}),
      inspect: (ev) => {
        if (ev.type === '@xstate.actor') {
          const ref = ev.actorRef as AnyActorRef & { on?: (type: string, fn: (e: ReplyEmitted) => void) => unknown };
          ref.on?.('reply', (e: ReplyEmitted) => sink.replies.push(e.reply));
        }
        if (ev.type === '@xstate.snapshot') sink.wake?.();
      },
    });
    actor.subscribe({
      error: (err) => {
        sink.failure = err;
        sink.wake?.();
      },
    });
    actor.start();
    return { actor, sink };
  }

  /** `loaded`: a read already made this turn (a refused turn changed nothing since). */
  private async languageForApology(req: TurnRequest, text: string, canLoad = true, loaded?: Promise<LoadedConversation>): Promise<Lang> {
    try {
      if (!canLoad) throw new StorageUnavailableError('skip');
      const { record } = await (loaded ?? this.deps.store.load(req.conversationId));
      if (record?.langPinned) return record.lang;
      return detectLanguage(text.slice(0, APOLOGY_SAMPLE), record?.lang ?? localeToLang(req.localeHint) ?? 'en');
    } catch {
      return detectLanguage(text.slice(0, APOLOGY_SAMPLE), localeToLang(req.localeHint) ?? 'en');
    }
  }
}

/** The request's activity tag, hashed once per turn however often the turn compares it. */
const tags = new WeakMap<TurnRequest, string>();
function tagOf(req: TurnRequest): string {
  let tag = tags.get(req);
  if (tag === undefined) tags.set(req, (tag = activityTag(req.activityId)));
  return tag;
}

/** A recent turn of this activity: by its tag, or by the raw id in records written before tags. */
function sameActivity(turn: RecentTurn, req: TurnRequest): boolean {
  return turn.id === tagOf(req) || turn.id === req.activityId;
}

/** 12 base64url chars of SHA-256 over the text and the card/quick-reply value. */
function fingerprint(text: string, value: unknown): string {
  return createHash('sha256')
    .update(text)
    .update('\u0000')
    .update(value === undefined ? '' : JSON.stringify(value) ?? '')
    .digest('base64url')
    .slice(0, 12);
}

/** A buyer message is recorded when it has words or photos (kind 'message'). */
function speaks(req: TurnRequest, text: string): boolean {
  return req.kind === 'message' && (text.length > 0 || (req.photos?.length ?? 0) > 0);
}

/**
 * The buyer's line. Text over the message limit (refused as too long) is kept up to the limit, ended
 * with '…' and marked with its full length, so the transcript shows what was sent without storing
 * unbounded input.
 */
function buyerLine(req: TurnRequest, text: string, now: Date, maxChars: number): TranscriptEntry {
  return {
    at: now.toISOString(),
    from: 'buyer',
    ...(text.length > maxChars ? { text: `${prefixOf(text, maxChars)}…`, truncatedFrom: text.length } : { text }),
    activityId: tagOf(req),
    ...(req.photos?.length ? { photos: req.photos } : {}),
  };
}

/** The first `max` UTF-16 units, without splitting a surrogate pair. */
function prefixOf(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function botLinesOf(replies: RenderedReply[], now: Date): TranscriptEntry[] {
  const at = now.toISOString();
  return replies.map((r) => ({ at, from: 'bot', text: r.text, key: r.key }));
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
