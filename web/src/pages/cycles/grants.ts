// Which provinces the signed-in person may do a cycle operation in, by the domain's own permission table. The
// pages offer a form or ask for figures only there, since the API would refuse the rest (and a refused request
// is an error in the browser's console).
import { mayDo, type Operation } from '../../../../domain/access';
import { useSession } from '../../auth/SessionProvider';

export function useProvincesAllowed(operation: Operation): string[] {
  const { me } = useSession();
  const grants = (me?.grants ?? []).filter((grant) => mayDo(grant.role, operation));
  return [...new Set(grants.map((grant) => grant.scope.province))];
}
