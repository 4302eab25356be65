// Reading record files for the CLI: one file, stdin, or every .md file below a folder.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorsOf, formatProblem, validateWritable, type LedeRecord } from '../record/index.js';
import { UsageError, type Io } from './io.js';
import { replaceFile } from './write-file.js';

export async function readInput(path: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeFsError(error)}`, 1);
  }
}

/** Replaces `path` with `text` safely (replaceFile), so it is never half-written; a failure is one clear line. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  try {
    await replaceFile(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${describeFsError(error)}; the file is unchanged`, 1);
  }
}

/**
 * The size contract before any write: a record the reader would refuse is never written (the file is left
 * as it was); each problem is printed. True when the record may be written.
 */
export function fitsTheFormat(record: LedeRecord, file: string, io: Pick<Io, 'err'>): boolean {
  const errors = errorsOf(validateWritable(record, file));
  for (const problem of errors) io.err(`${formatProblem(problem)}; nothing was written\n`);
  return errors.length === 0;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}

/** The record files a path names: the file itself, or every `.md` file below the folder, sorted. */
export async function recordFiles(path: string, onSkip: (file: string, why: string) => void = () => undefined): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeFsError(error)}`, 1);
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const entries = await readdir(path, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await recordFiles(child, onSkip)));
    else if (entry.isSymbolicLink()) await followLink(child, entry.name, out, onSkip);
    else if (entry.isFile() && isRecordName(entry.name)) out.push(child);
  }
  return out;
}

const isRecordName = (name: string) => name.toLowerCase().endsWith('.md');

/**
 * A link to a file is followed like the file; a link to a folder is not (it can lead back into the
 * folder being walked), and a broken link is said, never passed over in silence.
 */
async function followLink(child: string, name: string, out: string[], onSkip: (file: string, why: string) => void): Promise<void> {
  let target;
  try {
    target = await stat(child);
  } catch (error) {
    if (isRecordName(name)) onSkip(child, `a link to nothing (${describeFsError(error)}); not read`);
    return;
  }
  if (target.isFile() && isRecordName(name)) out.push(child);
  else if (target.isDirectory()) onSkip(child, 'a link to a folder; not followed (a link can lead back into the folder being read)');
}
