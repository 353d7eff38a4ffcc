/** Typed yes / no read against the question actually asked, and the replies name the order they are about. */
import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

describe.each(LANGS)('typed answers (%s)', (lang) => {
  const p = PHRASES[lang];

  async function delivered(h: Harness) {
    const c = h.chat();
    await c.say(p.track(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['track:delivered']);
    return c;
  }

  it('"did you receive it?" — a typed yes means received', async () => {
    const h = await harness();
    const c = await delivered(h);
    expect(await c.say(p.yes)).toEqual(['track:glad']);
  });

  it('"did you receive it?" — a typed no leads to the checks; "still missing?" yes opens the claim', async () => {
    const h = await harness();
    const c = await delivered(h);
    expect(await c.say(p.no)).toEqual(['track:notReceivedChecks']);
    expect(await c.say(p.yes)).toEqual(['track:claimOpened']);
  });

  it('"still missing?" — a typed no means found, and no claim is opened', async () => {
    const h = await harness();
    const c = await delivered(h);
    await c.say(p.no);
    // Another word for no (the same text again would be a new answer too: only a redelivery's id is deduplicated).
    expect(await c.say(lang === 'en' ? 'nope' : '不是')).toEqual(['track:glad']);
    expect(await c.say(p.hello)).toEqual(['common:greeting']);
  });

  it('keeping the order after all names the order in the reply (cancel and address)', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(await c.say(p.no)).toEqual(['cancel:kept']);
    expect(c.texts()[0]).toContain(DEMO.justPlaced.id);
    const d = h.chat();
    await d.say(p.address(DEMO.unshipped2d.id));
    await d.say(await emailOf(h, DEMO.unshipped2d.id));
    expect(await d.say(p.no)).toEqual(['address:kept']);
    expect(d.texts()[0]).toContain(DEMO.unshipped2d.id);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('unshipped');
  });
});
