/** Buyer actions the plain harness lacks: clicking a quick reply as Web Chat does, sending photos. */
import { randomUUID } from 'node:crypto';
import type { Chat, Harness } from '../support/transcript.js';

/**
 * Clicks a quick reply that the last replies offered: its title goes as the text (so the
 * conversation stays in the buyer's language), its value as the choice. Fails if it was not offered.
 */
export function click(c: Chat, choice: string): Promise<string[]> {
  const action = (c.last?.replies ?? [])
    .flatMap((r) => r.activity.suggestedActions?.actions ?? [])
    .find((a) => (a.value as { choice?: string } | undefined)?.choice === choice);
  if (!action) throw new Error(`quick reply ${choice} not offered (offered: ${c.choices().join(', ')})`);
  return c.choose(choice, String(action.title));
}

/** Sends photos (links as the widget's upload makes them), with or without words. */
export async function sendPhotos(h: Harness, c: Chat, photos: string[], text = ''): Promise<string[]> {
  c.last = await h.assistant.runner.run({ conversationId: c.id, activityId: `${c.id}-photo-${randomUUID().slice(0, 8)}`, kind: 'message', text, photos });
  return c.last.replies.map((r) => r.key);
}

/** A photo link of the shape the Direct Line upload hands the bot. */
export const photoUrl = (name: string) => `http://127.0.0.1:3978/v3/directline/attachments/${name}.jpg`;
