// What `npm run dev` and the demo print about the dev provider's people: who
// can sign in, with which grants, and how.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SERVICE_CLIENTS } from '../../api/identity/demo-accounts';
import { table } from '../../client/cli/format';
import type { GrantInput } from '../../domain/access';
import { unitsAtLevel } from '../../domain/units';

/** `dossier_officer CB unit 047 (Trùng Khánh) level district`, as the contract writes grants. */
export function describeGrant({ role, scope }: GrantInput): string {
  const parts: string[] = [role, scope.province];
  if (scope.unit !== undefined) {
    // A unit's code says whether it is a district (148) or a commune (1489): look in both lists.
    const units = [...unitsAtLevel(scope.province, 'district'), ...unitsAtLevel(scope.province, 'commune')];
    const name = units.find((unit) => unit.code === scope.unit)?.name;
    parts.push(`unit ${scope.unit}${name ? ` (${name})` : ''}`);
  }
  if (scope.level !== undefined) parts.push(`level ${scope.level}`);
  if (scope.subjectId !== undefined) parts.push(`subject ${scope.subjectId}`);
  return parts.join(' ');
}

export function accountsTable(): string {
  return table([
    ['login', 'name', 'grants'],
    ...DEMO_ACCOUNTS.map((account) => [account.login, account.name, account.grants.map(describeGrant).join('; ')]),
  ]);
}

/** The whole sign-in section: people, the service client, and the commands to sign in with. */
export function signInHelp(apiUrl: string, issuer: string): string {
  const services = DEMO_SERVICE_CLIENTS.map(
    (client) =>
      `  ${client.clientId} (client credentials; secret from OCOP_DEV_PORTAL_SECRET, ` +
      `default portal-caobang-dev-secret): ${client.grants.map(describeGrant).join('; ')}`,
  );
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD})`,
    accountsTable()
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
    'Service client',
    ...services,
    'Sign in',
    `  in a browser: ${apiUrl}/ (the web app), then any demo account above`,
    `  export OCOP_API_URL=${apiUrl} OCOP_ISSUER=${issuer}`,
    `  echo ${DEMO_PASSWORD} | ocop login --user nong.thi.ha --password-stdin`,
    '  ocop login        # the device flow: open the address it prints and sign in as any demo account',
  ].join('\n');
}
