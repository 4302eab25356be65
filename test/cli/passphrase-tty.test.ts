// The passphrase prompt on a real terminal (a pty from python3): nothing typed is echoed, and both entries must agree.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serializeRecord } from '../../src/record/index.js';
import { encryptSecured, keyFromBackup, newKey, parseBackup } from '../../src/secure/index.js';
import { sampleRecord } from '../record/fixtures.js';
import { repoRoot } from '../shared.js';

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;
if (!hasPython) console.warn('skipped: the terminal prompt test needs python3 (for a pty)');

/** Runs `lede ARGS` on a pty, typing each answer once its prompt shows; everything the terminal showed. */
function onTerminal(args: string[], answers: string[], prompts = ['Passphrase: ', 'Passphrase again: ']): string {
  const script = `
import os, pty, sys, time, select, json
answers = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[3], sys.argv[3:])
out = b''
def read_until(marker, seconds=30):
    global out
    end = time.time() + seconds
    while time.time() < end and (marker is None or marker not in out):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return
            if not chunk:
                return
            out += chunk
prompts = [p.encode() for p in json.loads(sys.argv[2])]
for i, answer in enumerate(answers):
    read_until(prompts[i])
    os.write(fd, answer.encode() + b'\\r')
read_until(None, 30)
sys.stdout.write(out.decode('utf-8', 'replace'))
`;
  return execFileSync('python3', ['-c', script, JSON.stringify(answers), JSON.stringify(prompts), process.execPath, '--import', 'tsx', join(repoRoot, 'src/cli/bin.ts'), ...args],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, LEDE_PASSPHRASE: '' }, timeout: 60_000 });
}

describe.runIf(hasPython)('passphrase on a terminal', () => {
  it('asks twice without echo and prints a backup the passphrase opens', async () => {
    const shown = onTerminal(['key', 'new', '--passphrase'], ['quiet harbour lamps', 'quiet harbour lamps']);
    expect(shown).not.toContain('quiet harbour');
    const backup = /lede-key:2:pbkdf2-sha256:600000:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{11}/.exec(shown)?.[0];
    expect(backup, shown).toBeDefined();
    const parsed = parseBackup(backup!);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect((await keyFromBackup(parsed.backup, 'quiet harbour lamps')).type).toBe('secret');
  });

  it('asks for the key backup unseen when none is given and stdin is a terminal', async () => {
    const made = await newKey();
    const dir = mkdtempSync(join(tmpdir(), 'lede-tty-'));
    const file = join(dir, 'r.md');
    writeFileSync(file, serializeRecord(sampleRecord({ secured: await encryptSecured({ note: 'asked for on the terminal' }, made.key) })));
    const shown = onTerminal(['decrypt', file], [made.backupString], ['Key backup (lede-key:…): ']);
    expect(shown).toContain('asked for on the terminal');
    expect(shown).not.toContain(made.backupString.split(':')[3]);
  });

  it('refuses two different entries', () => {
    const shown = onTerminal(['key', 'new', '--passphrase'], ['quiet harbour lamps', 'quiet harbour lampz']);
    expect(shown).toContain('the two passphrases differ; nothing was made');
    expect(shown).not.toContain('lede-key:');
    expect(shown).not.toContain('quiet harbour');
  });
});
