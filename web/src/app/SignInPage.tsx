// Before sign-in nothing of the province shows: only who runs the system and the way to the provider's login.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionProvider';

export function SignInPage({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  useEffect(() => {
    document.title = `${t('session.signIn')} · ${t('appName')}`;
  }, [t]);
  return (
    <main id="main" className="sign-in">
      <h1>{t('session.welcome')}</h1>
      <p>{t('session.welcomeText')}</p>
      {error ? (
        <p className="problem" role="alert">
          {t('session.signInFailed', { reason: error.message })}
        </p>
      ) : null}
      <button type="button" onClick={() => void signIn()}>
        {t('session.signIn')}
      </button>
    </main>
  );
}
