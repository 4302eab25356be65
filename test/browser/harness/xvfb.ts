// A private X display (Xvfb) and xdotool, for the one test that presses the browser's own shortcut.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { until } from './session.js';

const TOOLS = ['Xvfb', 'xdotool', 'import'] as const;

/** Why the headful test cannot run here, or null. */
export function displayToolsMissing(): string | null {
  const absent = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (absent.length === 0) return null;
  const packages = absent.map((tool) => (tool === 'import' ? 'imagemagick' : tool === 'Xvfb' ? 'xvfb' : tool));
  return `${absent.join(', ')} not found: install Debian's ${packages.join(', ')} (as .ci/run does) to run it`;
}

export interface Display {
  name: string;
  /** Runs xdotool with these arguments on this display; returns its output. */
  xdotool(...args: string[]): string;
  /** Saves the whole screen as a PNG (ImageMagick's import). */
  screenshot(path: string): void;
  close(): Promise<void>;
}

/** Starts Xvfb on a display number no one else here uses (other test runs may hold theirs). */
export async function startDisplay(): Promise<Display> {
  let number = 0;
  for (let tries = 0; tries < 50; tries++) {
    const candidate = 100 + Math.floor(Math.random() * 800);
    if (!existsSync(`/tmp/.X11-unix/X${candidate}`) && !existsSync(`/tmp/.X${candidate}-lock`)) {
      number = candidate;
      break;
    }
  }
  if (!number) throw new Error('no free X display number found');
  const name = `:${number}`;
  const server: ChildProcess = spawn('Xvfb', [name, '-screen', '0', '1280x1000x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await until(`Xvfb on ${name}`, async () => existsSync(`/tmp/.X11-unix/X${number}`), 10_000);
  const env = { ...process.env, DISPLAY: name };
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.status}`);
    return result.stdout;
  };
  return {
    name,
    xdotool: (...args) => run('xdotool', args),
    screenshot: (path) => { run('import', ['-window', 'root', path]); },
    close: () => new Promise((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    }),
  };
}
