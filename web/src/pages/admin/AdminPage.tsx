// Users and grants, for a province admin: who holds which role where, giving and revoking grants, and the audit of
// every change. The page works on the first province the admin's grants cover, as the API does by default.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/SessionProvider';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { MoreButton } from '../notifications/MoreButton';
import { GiveGrantForm } from './GiveGrantForm';
import { GrantChangesTable } from './GrantChanges';
import { GrantsTable } from './GrantsTable';
import { RevokeGrantForm } from './RevokeGrantForm';
import type { Grant } from './scope';
import { useGrantChanges, useGrants } from './useGrants';
import './admin.css';

function GrantsSection({ province }: { province: string }) {
  const { t } = useTranslation('admin');
  const { user, config } = useSession();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [revoked, setRevoked] = useState<Grant | null>(null);
  const grants = useGrants(province, includeRevoked);
  const now = useMemo(() => new Date(grants.dataUpdatedAt), [grants.dataUpdatedAt]);
  const isOwn = useCallback(
    (grant: Grant) => grant.subject === user?.profile.sub && grant.issuer === config.issuer,
    [user, config.issuer],
  );
  const onRevoke = useCallback((grant: Grant) => {
    setRevoked(null);
    setRevoking(grant);
  }, []);
  return (
    <section aria-labelledby="grants-heading">
      <h2 id="grants-heading">{t('grants.title')}</h2>
      <label className="check">
        <input type="checkbox" checked={includeRevoked} onChange={(event) => setIncludeRevoked(event.target.checked)} />
        {t('grants.includeRevoked')}
      </label>
      {revoked ? (
        <p className="success" role="status">
          {t('revoke.done', { id: revoked.id, subject: revoked.subject })}
        </p>
      ) : null}
      {revoking ? (
        <RevokeGrantForm
          grant={revoking}
          onCancel={() => setRevoking(null)}
          onDone={(grant) => {
            setRevoking(null);
            setRevoked(grant);
          }}
        />
      ) : null}
      {grants.isPending ? <Loading /> : null}
      <ProblemAlert error={grants.error} />
      {grants.data ? (
        <GrantsTable
          grants={grants.data.pages.flatMap((page) => page.items)}
          now={now}
          isOwn={isOwn}
          onRevoke={onRevoke}
        />
      ) : null}
      <MoreButton pages={grants} label={t('more')} loadingLabel={t('loadingMore')} />
    </section>
  );
}

function ChangesSection({ province }: { province: string }) {
  const { t } = useTranslation('admin');
  const changes = useGrantChanges(province);
  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t('changes.title')}</h2>
      <p className="muted">{t('changes.intro')}</p>
      {changes.isPending ? <Loading /> : null}
      <ProblemAlert error={changes.error} />
      {changes.data ? <GrantChangesTable changes={changes.data.pages.flatMap((page) => page.items)} /> : null}
      <MoreButton pages={changes} label={t('more')} loadingLabel={t('loadingMore')} />
    </section>
  );
}

export default function AdminPage() {
  const { t } = useTranslation('admin');
  const { grantsOf } = useSession();
  const province = grantsOf('province_admin')
    .map((grant) => grant.scope.province)
    .sort()[0];
  return (
    <>
      <PageTitle title={t('title')}>
        <p className="muted">{t('intro')}</p>
      </PageTitle>
      {province ? (
        <div className="admin">
          <GrantsSection province={province} />
          <GiveGrantForm province={province} />
          <ChangesSection province={province} />
        </div>
      ) : (
        <p role="alert">{t('notAdmin')}</p>
      )}
    </>
  );
}
