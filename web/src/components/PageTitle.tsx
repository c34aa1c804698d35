// Each page has one h1 and names itself in the tab's title, so a screen reader and a row of tabs both tell pages apart.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function PageTitle({ children, title, actions }: { children?: ReactNode; title: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children}
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
