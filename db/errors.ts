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
