/**
 * Dialog actors kept running between turns, so the next turn of a conversation does not rebuild
 * the whole actor tree from its saved snapshot (on a busy instance that restore was ~5 % of a
 * turn's CPU and ~8 % of its allocations), nor unpack the record it saved.
 *
 * An actor is kept only after its turn was saved, together with the stored form of that save, and
 * is handed out only when the record the next turn loads is stored exactly that way: the same bytes
 * are the same snapshot, so the live actor is what a restore would have built. Another instance's
 * save (or an erasure, or an upgrade) changes the stored form and the actor is dropped. A turn
 * takes the actor out while it runs; a turn that fails stops it.
 *
 * Bounded: at most `max` actors (the least recently used is stopped first), none idle for longer
 * than `idleMs`.
 */
import type { AnyActorRef } from 'xstate';
import type { Reply } from '../../dialogs/reply.js';
import type { ConversationRecord } from '../state/conversation-store.js';

/** Where a running actor tree reports during one turn (reset at the start of each). */
export interface TurnSink {
  replies: Reply[];
  failure: unknown;
  wake: (() => void) | undefined;
}

export interface LiveDialog {
  actor: AnyActorRef;
  sink: TurnSink;
}

/** What a turn saved: the record and its stored form. */
export interface Saved {
  stored: string;
  record: ConversationRecord;
}

interface Kept extends LiveDialog, Saved {
  at: number;
}

export interface LiveDialogsOptions {
  max: number;
  idleMs?: number;
  now?: () => number;
}

export class LiveDialogs {
  private readonly entries = new Map<string, Kept>();
  private readonly max: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private hits = 0;
  private misses = 0;

  constructor(options: LiveDialogsOptions) {
    this.max = options.max;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The conversation's actor if it was left at exactly `stored`; one left at anything else is
   * stopped. (Idleness is judged by `peek`, which every turn's load calls first.)
   */
  take(conversationId: string, stored: string | undefined): LiveDialog | undefined {
    const kept = this.entries.get(conversationId);
    if (!kept) {
      this.misses++;
      return undefined;
    }
    this.entries.delete(conversationId);
    if (stored === undefined || kept.stored !== stored) {
      kept.actor.stop();
      this.misses++;
      return undefined;
    }
    this.hits++;
    return { actor: kept.actor, sink: kept.sink };
  }

  /**
   * What the kept actor's turn saved, for the load to compare with (equal stored forms: the record
   * need not be unpacked again). Nothing is taken.
   */
  peek(conversationId: string): Saved | undefined {
    const kept = this.entries.get(conversationId);
    if (kept && this.now() - kept.at > this.idleMs) {
      // Idle too long: dropped here, so the turn loads and restores as if it had never been kept.
      kept.actor.stop();
      this.entries.delete(conversationId);
      return undefined;
    }
    return kept && { stored: kept.stored, record: kept.record };
  }

  /** After a saved turn: the actor stays running, known by what that turn saved. */
  keep(conversationId: string, dialog: LiveDialog, saved: Saved): void {
    if (this.max <= 0) {
      dialog.actor.stop();
      return;
    }
    this.entries.get(conversationId)?.actor.stop();
    this.entries.delete(conversationId);
    this.entries.set(conversationId, { ...dialog, ...saved, at: this.now() });
    const now = this.now();
    for (const [id, oldest] of this.entries) {
      if (this.entries.size <= this.max && now - oldest.at <= this.idleMs) break;
      oldest.actor.stop();
      this.entries.delete(id);
    }
  }

  stats(): { kept: number; hits: number; misses: number } {
    return { kept: this.entries.size, hits: this.hits, misses: this.misses };
  }

  /** Stops every kept actor (shutdown, tests). */
  clear(): void {
    for (const kept of this.entries.values()) kept.actor.stop();
    this.entries.clear();
  }
}
