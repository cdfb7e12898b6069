/**
 * Input errors: bad files become one clear line and exit 3 (SPEC §1), never a stack trace.
 * Messages name the file, the line (and column when known), what is wrong and what to do,
 * and never echo personal data beyond the row number.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
    readonly remedy: string,
    readonly column: number | null = null,
  ) {
    super(formatInputError(file, line, problem, remedy, column));
    this.name = 'InputError';
  }
}

export function formatInputError(
  file: string,
  line: number | null,
  problem: string,
  remedy: string,
  column: number | null = null,
): string {
  const where = line == null ? file : column == null ? `${file} line ${line}` : `${file} line ${line} column ${column}`;
  return `${where}: ${problem}${remedy ? ` — ${remedy}` : ''}`;
}

/** Usage errors: exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
