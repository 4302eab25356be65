// Starts the helper as a browser would (its launcher, stdio) and asks it hello: what `lede host status` reports.
import { spawn } from 'node:child_process';
import { HOST_MESSAGE_MAX, type HelperResults } from '../shared/helper-protocol.js';
import { encodeFrame, FrameReader } from './frame.js';

export type ProbeResult = { ok: true; hello: HelperResults['hello'] } | { ok: false; error: string };

export function probeHelper(launcher: string, timeoutMs = 5000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    const done = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      resolve(result);
    };
    const child = spawn(launcher, ['probe'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => done({ ok: false, error: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    const reader = new FrameReader(HOST_MESSAGE_MAX);
    child.on('error', (error) => done({ ok: false, error: `could not start ${launcher}: ${error.message}` }));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        const answer = frame.ok ? frame.message as { ok?: boolean; result?: HelperResults['hello']; error?: { message: string } } : null;
        if (answer?.ok && answer.result) done({ ok: true, hello: answer.result });
        else done({ ok: false, error: answer?.error?.message ?? 'it answered something that is not a helper’s answer' });
      }
    });
    child.on('exit', (code) => done({ ok: false, error: `it stopped (exit code ${code})${stderr ? `: ${stderr.trim()}` : ''}` }));
    child.stdin.on('error', () => undefined);
    child.stdin.write(encodeFrame({ id: 1, op: 'hello' }, HOST_MESSAGE_MAX));
  });
}
