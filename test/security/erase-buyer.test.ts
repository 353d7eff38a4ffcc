import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseBuyer } from '../../src/security/erase-buyer.js';
import { MemoryStorage } from '../../src/state/storage.js';
import { createConversationStore } from '../../src/state/conversation-store.js';
import { MemoryTranscriptStore } from '../../src/state/transcript-store.js';
import { httpChat } from '../support/http-chat.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

const run = promisify(execFile);
const ON_TIME = '112-7051384-2296640';
const EMAIL = 'marcus.johnson@example.net';

describe('eraseBuyer (memory backend)', () => {
  it('erases by conversation id and by email, leaving other buyers alone', async () => {
    const storage = new MemoryStorage();
    const transcripts = new MemoryTranscriptStore();
    const store = createConversationStore(storage);
    const record = (snapshot: unknown) => ({ snapshot, lang: 'en' as const, langPinned: false, createdAt: 'a', updatedAt: 'a', turns: 1 });
    await store.save('mine-1', record({ context: { email: 'Marcus.Johnson@example.net' } }), undefined);
    await store.save('mine-2', record({}), undefined);
    await transcripts.append('mine-2', [{ at: 'a', from: 'buyer', text: `where is ${ON_TIME}` }]);
    await store.save('other', record({ context: { email: 'someone@else.example' } }), undefined);
    await transcripts.append('other', [{ at: 'a', from: 'buyer', text: 'hello' }]);
    const report = await eraseBuyer({ email: EMAIL, orderIds: [ON_TIME] }, { storage, transcripts });
    expect(report.conversations.sort()).toEqual(['mine-1', 'mine-2']);
    expect((await store.load('mine-1')).record).toBeUndefined();
    expect(await transcripts.list('mine-2')).toEqual([]);
    expect((await store.load('other')).record).toBeDefined();
    expect(await transcripts.list('other')).toHaveLength(1);
    await eraseBuyer({ conversationId: 'other' }, { storage, transcripts });
    expect((await store.load('other')).record).toBeUndefined();
  });
});

describe('npm run erase-buyer on Redis', () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    cluster = await startAppCluster(1);
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('erases a verified buyer conversation (state, transcript, lock keys) and keeps others', async () => {
    const { url, assistant } = cluster.instances[0]!;
    const mine = httpChat(url, `erase-${randomUUID()}`);
    await mine.say(`Where is my order ${ON_TIME}?`);
    await mine.say(EMAIL);
    const other = httpChat(url, `keep-${randomUUID()}`);
    await other.say('hello');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/erase-buyer.ts', EMAIL], {
      env: { ...process.env, REDIS_URL: cluster.redis.url, REDIS_KEY_PREFIX: 'asa' },
    });
    const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { backend: string; conversations: string[] };
    expect(report.backend).toBe('redis');
    expect(report.conversations).toEqual([mine.conversationId]);
    expect((await assistant.store.load(mine.conversationId)).record).toBeUndefined();
    expect(await assistant.transcripts.list(mine.conversationId)).toEqual([]);
    const left = await assistant.redis!.commander.sendCommand(['KEYS', `asa:{conv:${mine.conversationId}}:*`]);
    expect(left).toEqual([]);
    expect((await assistant.store.load(other.conversationId)).record).toBeDefined();
  }, 30_000);
});
