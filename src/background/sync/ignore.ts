// The ignore rule of the options page: which files in the sync folder sync leaves alone, never reading them.
// A pattern is a file name with `*` (any run of characters) and `?` (one character), compared without case;
// a pattern with a `/` names a subfolder or files in one (`Daily/`, `Templates/*.md`): sync reads only the
// folder's top level, so those hold for what is already so. A record's own file stays synced even when a
// pattern matches it (else the record would be written again under another name).

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'iu');
}

/** One matcher for the person's patterns over top-level file names. */
export function ignoreRule(patterns: readonly string[]): (name: string) => boolean {
  const names = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.includes('/')).map(globToRegExp);
  if (names.length === 0) return () => false;
  return (name) => names.some((re) => re.test(name.normalize('NFC')));
}
