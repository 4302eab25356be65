// The passphrase for a passphrase key backup: LEDE_PASSPHRASE, or typed unseen on the terminal.
import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { UsageError } from './io.js';

/** Reads a line from the controlling terminal without echoing it; stdin may be busy carrying JSON. */
export function promptHidden(prompt: string, noTerminal = 'this key backup needs its passphrase: set LEDE_PASSPHRASE or run lede in a terminal'): Promise<string> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    throw new UsageError(noTerminal, 1);
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  // Echo off before the prompt shows: whatever is typed once it is visible must never appear.
  input.setRawMode(true);
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.removeListener('data', onData);
      output.write('\n');
      input.destroy();
      try { closeSync(fd); } catch { /* already closed by the stream */ }
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new UsageError('cancelled; nothing was changed', 1));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** The passphrase: from LEDE_PASSPHRASE when set, else asked on the terminal (twice when `confirm`). */
export async function readPassphrase(confirm = false): Promise<string> {
  const fromEnv = process.env.LEDE_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await promptHidden('Passphrase: ');
  if (confirm && (await promptHidden('Passphrase again: ')) !== first) {
    throw new UsageError('the two passphrases differ; nothing was made', 1);
  }
  return first;
}
