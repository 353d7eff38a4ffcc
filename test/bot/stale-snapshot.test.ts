import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness } from '../support/transcript.js';

/** A saved snapshot as an older version of the dialogs could have left it: a state that no longer exists. */
function withUnknownState(snapshot: unknown): unknown {
  const copy = structuredClone(snapshot) as { value: unknown };
  copy.value = { inFlow: 'aStateThatWasRemoved' };
  return copy;
}

describe.each(['en', 'zh'] as const)('a saved conversation the current dialogs cannot restore (%s)', (lang) => {
  it('starts over, says so, and answers the message instead of failing on every turn', async () => {
    const h = await harness();
    const c = h.chat();
    const opening = lang === 'en' ? `I want to return order ${DEMO.delivered5d.id}` : `我想退货，订单号 ${DEMO.delivered5d.id}`;
    expect(await c.say(opening)).toEqual(['verify:askDetail']);
    const { record, eTag } = await h.assistant.store.load(c.id);
    if (!record) throw new Error('no record saved');
    await h.assistant.store.save(c.id, { ...record, snapshot: withUnknownState(record.snapshot) }, eTag);

    // Not the same words again: a re-sent text within seconds is a duplicate delivery.
    const again = lang === 'en' ? `Please help me return ${DEMO.delivered5d.id}` : `帮我办一下退货，订单 ${DEMO.delivered5d.id}`;
    const keys = await c.say(again);
    expect(keys[0]).toBe('common:startOver');
    expect(keys.slice(1)).toEqual(['verify:askDetail']);
    expect(c.last?.lang).toBe(lang);
    // The new state is saved: the next turn goes on normally.
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
  });
});
