import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runCli(input: string): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/nlu.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, code }));
    child.stdin.end(input);
  });
}

describe('npm run nlu', () => {
  it('prints exactly one JSON object per input line and nothing else', async () => {
    const { stdout, code } = await runCli('where is my order 112-3456789-1234567\n\n我要退货，鞋子太小了\nwrite me a poem\n');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const rows = lines.map((l) => JSON.parse(l) as { text: string; lang: string; intent: string; score: number; entities: Array<{ type: string; value: string }> });
    expect(rows[0]).toMatchObject({ text: 'where is my order 112-3456789-1234567', lang: 'en', intent: 'track_order' });
    expect(rows[0]!.entities).toContainEqual({ type: 'orderId', value: '112-3456789-1234567' });
    expect(rows[1]).toMatchObject({ lang: 'zh', intent: 'return_item' });
    expect(rows[1]!.entities).toContainEqual({ type: 'returnReason', value: 'wrong_size_or_colour' });
    expect(rows[2]).toMatchObject({ lang: 'en', intent: 'none' });
    for (const r of rows) expect(typeof r.score).toBe('number');
  });
});
