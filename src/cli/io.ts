// What a CLI command may touch: output streams and a way to say a user error without a stack trace.

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Standard input, for tests that run a command in-process; the process's own stdin otherwise. */
  stdin?(): Promise<Uint8Array>;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A mistake of the user's (bad flag, missing file): printed as one line, exit code 2 or 1. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Splits `--flag value`, `--flag=value` and bare `--switch` from positional arguments; `lists` keeps every value of a repeated flag. */
export function parseArgs(args: string[], valued: string[], switches: string[]):
  { flags: Map<string, string | true>; lists: Map<string, string[]>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') { positional.push(...args.slice(i + 1)); break; }
    if (!arg.startsWith('--') || arg === '-') { positional.push(arg); continue; }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      lists.set(name, [...(lists.get(name) ?? []), value]);
    } else if (switches.includes(name) && inline === undefined) {
      flags.set(name, true);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { flags, lists, positional };
}
