import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEYS = ['text', 'lang', 'intent', 'score', 'entities'];

interface Row {
  text: string;
  lang: string;
  intent: string;
  score: number;
  entities: Array<{ type: string; value: string }>;
}

/** Runs the command exactly as the issue documents it: `npm run --silent nlu`, utterances on stdin. */
function runCli(input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'nlu'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe('npm run --silent nlu', () => {
  it('prints exactly one JSON object with exactly the contract keys per input line, and nothing else', async () => {
    const input = [
      'where is my order 112-3456789-1234567',
      '',
      '  我要退货，鞋子太小了  ',
      'write me a poem',
      '   ',
      '订单 112-3456789-1234567 在哪',
    ];
    const { stdout, stderr, code } = await runCli(`${input.join('\n')}\n`);
    expect(code, stderr).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(input.length);
    const rows = lines.map((l) => JSON.parse(l) as Row);
    rows.forEach((r, i) => {
      expect(Object.keys(r)).toEqual(KEYS);
      expect(r.text).toBe(input[i]);
      expect(typeof r.score).toBe('number');
      for (const e of r.entities) expect(Object.keys(e)).toEqual(['type', 'value']);
    });
    expect(rows[0]).toMatchObject({ lang: 'en', intent: 'track_order' });
    expect(rows[0]!.entities).toEqual([{ type: 'orderId', value: '112-3456789-1234567' }]);
    expect(rows[1]).toEqual({ text: '', lang: 'en', intent: 'none', score: 0, entities: [] });
    expect(rows[2]).toMatchObject({ lang: 'zh', intent: 'return_item' });
    expect(rows[2]!.entities).toContainEqual({ type: 'returnReason', value: 'wrong_size_or_colour' });
    expect(rows[3]).toMatchObject({ lang: 'en', intent: 'none' });
    // A line without letters keeps the previous line's language.
    expect(rows[4]).toEqual({ text: '   ', lang: 'en', intent: 'none', score: 0, entities: [] });
    expect(rows[5]).toMatchObject({ lang: 'zh', intent: 'track_order' });
    expect(rows[5]!.entities).toContainEqual({ type: 'orderId', value: '112-3456789-1234567' });
  }, 60_000);

  it('reads a last line without a newline and CRLF line endings', async () => {
    const { stdout, code } = await runCli('hello\r\n谢谢');
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
    expect(rows.map((r) => [r.text, r.lang, r.intent])).toEqual([
      ['hello', 'en', 'greeting'],
      ['谢谢', 'zh', 'thanks'],
    ]);
  }, 60_000);
});
