// The `lede` command: the same format core the extension runs, from a terminal.
import { check } from './check.js';
import { decrypt } from './decrypt.js';
import { encrypt } from './encrypt.js';
import { extract } from './extract.js';
import { fmt } from './fmt.js';
import { host } from './host.js';
import { key } from './key.js';
import { name as nameCommand } from './name.js';
import { related } from './related.js';
import { processIo, UsageError, type Command, type Io } from './io.js';

export const commands: Command[] = [fmt, check, extract, nameCommand, related, key, decrypt, encrypt, host];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `lede — read, check and write Lede records

Usage: lede COMMAND [options]

Commands:
${lines.join('\n')}

Run "lede COMMAND --help" for a command's options.
`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out('lede 0.1.0\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`lede: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lede ${name}: ${error.message}\n`);
      if (error.exitCode === 2) io.err(`Run "lede ${name} --help" for usage.\n`);
      return error.exitCode;
    }
    io.err(`lede ${name}: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
