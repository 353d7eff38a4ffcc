/** Pressing quick replies the way Web Chat does, for transcript tests. */
import type { Chat } from '../support/transcript.js';

/** Presses a quick reply of the last answer: sends its choice with its rendered label as the text. */
export function press(c: Chat, choice: string): Promise<string[]> {
  const actions = (c.last?.replies ?? []).flatMap((r) => r.activity.suggestedActions?.actions ?? []);
  const action = actions.find((a) => (a.value as { choice?: string } | undefined)?.choice === choice);
  if (!action) throw new Error(`no quick reply ${choice}; offered: ${c.choices().join(', ')}`);
  return c.choose(choice, action.title);
}
