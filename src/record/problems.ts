// Problems found in a record: each names the file, the line and the key, so a person can fix it.

export interface Problem {
  file?: string;
  /** 1-based line in the file, when the problem has a place in it. */
  line?: number;
  /** Dotted path of the key: `related[1].provider.name`. */
  key?: string;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(problem: Problem): string {
  const place = [problem.file ?? '<record>', problem.line].filter((p) => p !== undefined).join(':');
  const key = problem.key ? ` ${problem.key}:` : '';
  const level = problem.severity === 'warning' ? ' warning:' : '';
  return `${place}:${key}${level} ${problem.message}`;
}

export class RecordError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RecordError';
  }
}
