/**
 * One buyer turn, in the order its steps run:
 * 1. guard (turn-guard.ts): the conversation's message limit and its lock, asked for together;
 * 2. load the record (snapshot + eTag); a redelivered activity is answered from the stored replies;
 * 3. the buyer's line goes to the transcript (transcript-lines.ts), before anything can fail;
 * 4. the language (turn-language.ts), the NLU, and ONE event to the root machine, run until settled
 *    (dialog-run.ts);
 * 5. save with the loaded eTag (a conflict re-runs the turn on fresh state), and only then hand back
 *    the rendered replies and write the bot's lines (sent with the lock's release).
 * A failed turn saves nothing and says sorry in the buyer's language.
 */
import type { AnyStateMachine } from 'xstate';
import type { Logger } from 'pino';
import type { Lang } from '../domain/lang.js';
import type { Nlu } from '../nlu/types.js';
import type { ConversationRecord, ConversationStore, LoadedConversation } from '../state/conversation-store.js';
import type { TranscriptStore } from '../state/transcript-store.js';
import { EtagConflictError, StorageUnavailableError } from '../state/storage.js';
import type { ConversationLock, Lease } from '../state/conversation-lock.js';
import type { RateLimiter } from '../state/rate-limiter.js';
import { noMetrics, type TurnMetrics, type TurnOutcome } from '../metrics/metrics.js';
import type { Reply } from '../../dialogs/reply.js';
import type { TurnEvent } from '../../dialogs/events.js';
import type { Renderer } from './render.js';
import { TurnGuard, TurnRefused, redeliveryOf, withThisTurn } from './turn-guard.js';
import { TranscriptLines, botLines, speaks } from './transcript-lines.js';
import { decideLanguage } from './turn-language.js';
import { choiceOf, eventOf } from './turn-event.js';
import type { PresalesTurn } from '../services/catalog/turn.js';
import { runDialog, TurnError } from './dialog-run.js';
import type { TurnRequest, TurnResult } from './turn-request.js';

export type { TurnRequest, TurnResult } from './turn-request.js';

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
  metrics?: TurnMetrics;
  /** Pre-sales answers from the catalog and knowledge base (src/services/catalog/turn.ts). */
  presales?: PresalesTurn;
}

interface TurnLog {
  info(msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class TurnRunner {
  private readonly clock: () => Date;
  private readonly guard: TurnGuard;
  private readonly lines: TranscriptLines;
  private readonly maxChars: number;
  private readonly timeoutMs: number;

  constructor(private readonly deps: TurnRunnerDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.maxChars = deps.maxMessageChars ?? 2000;
    this.timeoutMs = deps.turnTimeoutMs ?? 10_000;
    this.guard = new TurnGuard({
      lock: deps.lock,
      lockTtlMs: deps.lockTtlMs ?? this.timeoutMs + 5000,
      lockWaitMs: deps.lockWaitMs ?? 3000,
      rateLimiter: deps.rateLimiter,
      limitPerMinute: deps.conversationLimitPerMinute ?? 0,
    });
    this.lines = new TranscriptLines(deps.transcripts, this.maxChars);
  }

  async run(req: TurnRequest): Promise<TurnResult> {
    const started = performance.now();
    const result = await this.runGuarded(req);
    const metrics = this.deps.metrics ?? noMetrics;
    metrics.turn(result.outcome ?? (result.failed ? 'failed' : 'ok'), (performance.now() - started) / 1000);
    if (result.intent) metrics.intent(result.intent, result.lang);
    return result;
  }

  /** Limit and lock around the turn; every failure becomes an apology in the buyer's language. */
  private async runGuarded(req: TurnRequest): Promise<TurnResult> {
    const now = this.clock();
    const text = (req.text ?? '').trim();
    const log = lazyChild(this.deps.logger, { conversationId: req.conversationId, activityId: req.activityId });
    let lease: Lease | undefined;
    let released = false;
    try {
      lease = await this.guard.enter(req.conversationId, req.kind);
      const result = await this.locked(req, text, now, log);
      if (result.outcome !== 'duplicate' && result.replies.length > 0) {
        // Saved or rejected, the answer joins the transcript. If only that write fails, a saved turn
        // (an order may be cancelled) still answers: the buyer's words were recorded before it ran.
        // Sent with the release: one round trip, and on one connection the lines land before the lock is free.
        released = true;
        await Promise.all([
          this.lines.bot(req.conversationId, result.replies, now).catch((err: unknown) => log.error({ err }, "turn saved but the bot's lines could not be added to the transcript")),
          lease?.release(),
        ]);
      }
      return result;
    } catch (err) {
      const result = await this.apologise(req, text, err, log);
      if (err instanceof TurnRefused && speaks(req, text)) {
        // A refused message still keeps what the buyer wrote, and what they were told. Best effort.
        await this.lines
          .buyer(req, text, now, botLines(result.replies, now))
          .catch((e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'refused message not written to the transcript'));
      }
      return result;
    } finally {
      if (!released) await lease?.release();
    }
  }

  /** The turn under the lock: re-run on fresh state when another writer saved first. */
  private async locked(req: TurnRequest, text: string, now: Date, log: TurnLog): Promise<TurnResult> {
    const retries = this.deps.conflictRetries ?? 2;
    let recorded = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const loaded = await this.deps.store.load(req.conversationId);
        const redelivery = redeliveryOf(req.activityId, req.kind, loaded.record);
        if (redelivery) {
          log.info('redelivered activity; answered from the stored replies, not run again');
          const lang = redelivery.lang ?? loaded.record?.lang ?? 'en';
          return { lang, failed: false, outcome: 'duplicate', replies: this.deps.renderer.render(redelivery.replies ?? [], lang) };
        }
        if (!recorded && speaks(req, text)) {
          // Written before the machine runs: nothing the buyer wrote is lost, even if the turn fails.
          await this.lines.buyer(req, text, now);
          recorded = true;
        }
        return await this.attempt(req, text, now, loaded);
      } catch (err) {
        if (err instanceof EtagConflictError && attempt < retries) {
          log.warn({ attempt }, 'conversation changed during the turn; re-running on fresh state');
          continue;
        }
        // Best effort: the store may be the thing that is down.
        if (!recorded && speaks(req, text)) await this.lines.buyer(req, text, now).catch(() => undefined);
        throw err;
      }
    }
  }

  private async attempt(req: TurnRequest, text: string, now: Date, loaded: LoadedConversation): Promise<TurnResult> {
    const { record, eTag } = loaded;
    const choice = choiceOf(req.value);
    // A clicked button's text is ours (an English product title in a Chinese chat): only typing moves the language.
    const language = decideLanguage({ text, typed: req.kind === 'message' && !choice, localeHint: req.localeHint }, record);
    const nowIso = now.toISOString();
    const next: ConversationRecord = {
      ...(record ?? { snapshot: undefined, createdAt: nowIso, turns: 0 }),
      lang: language.lang,
      langPinned: language.pinned,
      turns: (record?.turns ?? 0) + 1,
      updatedAt: nowIso,
    };
    const { lang } = language;
    if (req.kind === 'message' && text.length > this.maxChars) return this.reject([{ key: 'common:errors.tooLong', values: { max: this.maxChars } }], lang);
    if (req.kind === 'message' && !text && !choice && (req.photos?.length ?? 0) === 0) return this.reject([{ key: 'common:errors.empty' }], lang);

    // A language request switches and carries on: with the rest of the message, or the flow's question again.
    const said = language.switched ? language.rest : text;
    // A photo without words has nothing to classify.
    const understood = req.kind === 'message' && said ? await this.deps.nlu.understand(said, language.switched ? language.restLang : lang) : undefined;
    // A pre-sales question (catalog / knowledge base) is answered as FAQ, whatever else the NLU guessed.
    const presales = understood && !choice ? this.deps.presales?.forTurn(said, lang, understood, req.pageProductId) : undefined;
    const nlu = understood && presales ? { ...understood, intent: presales.intent, score: presales.score } : understood;
    const event: TurnEvent =
      language.switched && !said
        ? { type: 'language.switched', turnId: req.activityId, now: nowIso, lang }
        : eventOf(req, { text: said, lang, now: nowIso, choice, nlu, ...(presales ? { presales: { ...presales.presales, ...(understood && understood.intent !== 'faq' && understood.score >= 0.5 ? { readAs: understood.intent } : {}) } } : {}) });
    const run = await runDialog(this.deps.machine, req.conversationId, record?.snapshot, event, { timeoutMs: this.timeoutMs, logger: this.deps.logger });
    const replies: Reply[] = language.switched ? [{ key: 'common:languageSwitched' }, ...run.replies] : run.replies;
    const result = await this.save(req, { ...next, snapshot: run.snapshot }, eTag, replies);
    return nlu ? { ...result, intent: nlu.intent } : result;
  }

  /** Save first; only a saved turn's replies are returned for sending. */
  private async save(req: TurnRequest, next: ConversationRecord, eTag: string | undefined, replies: Reply[]): Promise<TurnResult> {
    const reference = req.reference ?? next.reference;
    const record: ConversationRecord = { ...next, recent: withThisTurn(next.recent, req.activityId, replies, next.lang), ...(reference ? { reference } : {}) };
    await this.deps.store.save(req.conversationId, record, eTag);
    return { lang: next.lang, failed: false, outcome: 'ok', replies: this.deps.renderer.render(replies, next.lang) };
  }

  /** Bad input gets a clear reply and changes nothing. */
  private reject(replies: Reply[], lang: Lang): TurnResult {
    return { lang, failed: true, outcome: 'rejected', replies: this.deps.renderer.render(replies, lang) };
  }

  private async apologise(req: TurnRequest, text: string, err: unknown, log: TurnLog): Promise<TurnResult> {
    const metrics = this.deps.metrics ?? noMetrics;
    let key = 'common:errors.generic';
    let outcome: TurnOutcome = 'failed';
    if (err instanceof TurnRefused) {
      ({ key, outcome } = err);
      log.warn({ outcome }, 'turn refused');
    } else if (err instanceof StorageUnavailableError) {
      // A failed save is "maybe saved": the next load shows what won; side effects carry idempotency keys.
      key = 'common:errors.storageUnavailable';
      outcome = 'unavailable';
      metrics.error(err.code);
      log.error({ err: err.message }, 'shared state unavailable; turn not completed');
    } else if (err instanceof EtagConflictError) {
      key = 'common:errors.busy';
      metrics.error(err.code);
      log.error({ err }, 'turn failed');
    } else {
      metrics.error(err instanceof TurnError ? err.code : 'INTERNAL');
      log.error({ err }, 'turn failed');
    }
    // The stored language when the store can be read (not when it is what failed).
    const record = outcome === 'unavailable' ? undefined : await this.deps.store.load(req.conversationId).then((l) => l.record, () => undefined);
    const { lang } = decideLanguage({ text, typed: req.kind === 'message', localeHint: req.localeHint }, record);
    return { lang, failed: true, outcome, replies: this.deps.renderer.render([{ key }], lang) };
  }
}

/** Most turns log nothing: the pino child (bindings, redaction) is built on the first log call. */
function lazyChild(logger: Logger, bindings: Record<string, string>): TurnLog {
  let child: Logger | undefined;
  const get = () => (child ??= logger.child(bindings));
  return {
    info: (msg) => get().info(msg),
    warn: (obj, msg) => get().warn(obj, msg),
    error: (obj, msg) => get().error(obj, msg),
  };
}
