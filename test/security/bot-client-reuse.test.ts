/**
 * The real CloudAdapter on /api/messages with our authentication: the ConnectorClient and
 * UserTokenClient a turn gets are built once per app id, audience and service URL and handed to
 * later turns (botbuilder builds both on every turn), a bounded number of them, and turns still
 * answer as before.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { HttpCloudAdapter } from '../../src/http/bot-adapter.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, listen, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { CLIENT_CACHE_MAX, StrictBotFrameworkAuthentication } from '../../src/security/bot-auth.js';
import { httpChat } from '../support/http-chat.js';

const auth = new StrictBotFrameworkAuthentication({});
const adapter = new HttpCloudAdapter(auth);
const seen: { connector: unknown; userToken: unknown }[] = [];
let server: RunningServer;

beforeAll(async () => {
  const bot = new ActivityHandler();
  bot.onMessage(async (context: TurnContext, next) => {
    seen.push({ connector: context.turnState.get(adapter.ConnectorClientKey), userToken: context.turnState.get(adapter.UserTokenClientKey) });
    await context.sendActivity({ type: 'message', text: `got ${context.activity.text ?? ''}` });
    await next();
  });
  server = await listen(createApp({ adapter, bot, logger: createLogger('silent') }), 0, '127.0.0.1');
});
afterAll(async () => server?.close());

describe('connector and user token clients', () => {
  it('are built once and reused by later turns of any conversation, replies unchanged', async () => {
    seen.length = 0;
    const a = httpChat(server.url);
    const b = httpChat(server.url);
    const first = await a.say('one');
    await a.say('two');
    await b.say('three');
    expect(first.status).toBe(200);
    expect(first.replies.map((r) => r.text)).toEqual(['got one']);
    expect(seen).toHaveLength(3);
    expect(seen[0]?.connector).toBeTruthy();
    expect(seen[0]?.userToken).toBeTruthy();
    expect(seen[1]?.connector).toBe(seen[0]?.connector);
    expect(seen[2]?.connector).toBe(seen[0]?.connector);
    expect(seen[2]?.userToken).toBe(seen[0]?.userToken);
  });

  it('a different service URL gets its own connector client; the user token client is per app id', async () => {
    seen.length = 0;
    await httpChat(server.url, undefined, { serviceUrl: 'http://127.0.0.1:9/' }).say('here');
    await httpChat(server.url, undefined, { serviceUrl: 'http://127.0.0.1:10/' }).say('there');
    expect(seen[1]?.connector).not.toBe(seen[0]?.connector);
    expect((seen[1]?.connector as { baseUri?: string }).baseUri).toBe('http://127.0.0.1:10/');
    expect(seen[1]?.userToken).toBe(seen[0]?.userToken);
  });

  it('keeps at most CLIENT_CACHE_MAX connector clients whatever service URLs arrive', async () => {
    for (let i = 0; i < CLIENT_CACHE_MAX + 6; i++) {
      const res = await httpChat(server.url, undefined, { serviceUrl: `http://127.0.0.1:${2000 + i}/` }).say(`n${i}`);
      expect(res.status).toBe(200);
    }
    expect(auth.cachedClients()).toEqual({ connector: CLIENT_CACHE_MAX, userToken: 1 });
  });
});
