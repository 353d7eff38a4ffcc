import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { FileStorage } from '../../src/state/file-storage.js';
import { describeStorageContract } from './storage-contract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describeStorageContract('FileStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asa-file-storage-'));
  dirs.push(dir);
  return new FileStorage(dir);
});
