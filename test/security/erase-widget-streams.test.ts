/** With DATA_DIR the widget's history is on disk (item 5): erasing a conversation removes it too. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileActivityStreamStore } from '../../src/channels/direct-line/file-activity-stream-store.js';
import type { DirectLineActivity } from '../../src/channels/direct-line/activity-stream-store.js';
import { eraseBuyer } from '../../src/security/erase-buyer.js';
import { MemoryStorage } from '../../src/state/storage.js';
import { MemoryTranscriptStore } from '../../src/state/transcript-store.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const activity = (text: string): DirectLineActivity => ({ type: 'message', id: text, timestamp: new Date().toISOString(), channelId: 'directline', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, text });

describe('erasing a widget conversation under DATA_DIR', () => {
  it('removes its stored stream and keeps the others', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'asa-erase-streams-'));
    dirs.push(dataDir);
    const streams = new FileActivityStreamStore(join(dataDir, 'streams'));
    for (const id of ['mine', 'other']) {
      expect(await streams.open(id)).toBe(true);
      await streams.append(id, activity(`hello from ${id}`));
    }
    const report = await eraseBuyer({ conversationId: 'mine' }, { storage: new MemoryStorage(), transcripts: new MemoryTranscriptStore(), files: { dataDir } });
    expect(report.erased.transcripts).toBe(1);
    // A fresh store (as after a restart) reads only what is on disk.
    const reopened = new FileActivityStreamStore(join(dataDir, 'streams'));
    expect(await reopened.exists('mine')).toBe(false);
    expect((await reopened.list('other', 0)).activities.map((a) => a.text)).toEqual(['hello from other']);
  });
});
