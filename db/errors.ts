// One line for the operator instead of a stack trace when PostgreSQL cannot be
// used: what failed and where.
interface PgLikeError {
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

const PG_CODES: Record<string, string> = {
  '3D000': 'the database does not exist (create it, or set DATABASE_URL)',
  '28P01': 'PostgreSQL refused the password',
  '28000': 'PostgreSQL refused the role',
};

export function describeDatabaseError(error: unknown, databaseUrl?: string): string | undefined {
  const e = (error ?? {}) as PgLikeError & { errors?: PgLikeError[] };
  const first = e.errors?.[0] ?? e;
  const where = databaseUrl ? redact(databaseUrl) : 'PostgreSQL';
  if (first.code === 'ECONNREFUSED') return `cannot reach PostgreSQL at ${where}: connection refused`;
  if (first.code === 'ENOTFOUND' || first.code === 'EAI_AGAIN')
    return `cannot reach PostgreSQL at ${where}: unknown host`;
  if (first.code === 'ETIMEDOUT') return `cannot reach PostgreSQL at ${where}: timed out`;
  if (first.code && PG_CODES[first.code]) return `PostgreSQL at ${where}: ${PG_CODES[first.code]}`;
  return undefined;
}

/** Hides a password in a connection string before it is printed. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/**
 * SQLSTATEs of a write PostgreSQL refuses for what it holds, not for the state
 * it is in: the same write would be refused on every retry.
 */
const PERMANENT_CODES: Record<string, string> = {
  '22021': 'invalid byte sequence',
  '22P05': 'untranslatable character',
  '22001': 'value too long',
  '23514': 'check violation',
  '22P02': 'invalid text representation',
  '22008': 'date or time out of range',
};

interface PgFields {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/**
 * What PostgreSQL refused of a write that can never succeed, or undefined for
 * any other error. Only the condition and where it was are told, never the
 * message, which can quote the value (a subject's name, say).
 */
export function permanentRefusal(error: unknown): string | undefined {
  const e = (error ?? {}) as PgFields;
  const condition = e.code ? PERMANENT_CODES[e.code] : undefined;
  if (!condition) return undefined;
  const where = [
    e.table && `table ${e.table}`,
    e.column && `column ${e.column}`,
    e.constraint && `constraint ${e.constraint}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `PostgreSQL refused the write: ${condition} (SQLSTATE ${e.code})${where ? ` in ${where}` : ''}`;
}
