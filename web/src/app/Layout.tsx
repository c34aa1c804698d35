// The frame of every signed-in page: a skip link, the menu of what this person's grants open, the language switch
// and sign-out. On a phone the menu folds behind one button.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession, type Grant } from '../auth/SessionProvider';
import { currentLanguage, LANGUAGES, switchLanguage } from '../i18n';

interface MenuEntry {
  to: string;
  label: string;
  /** Shown to anyone holding one of these roles; undefined: to everyone signed in. */
  roles?: Grant['role'][];
}

const MENU: MenuEntry[] = [
  {
    to: '/cycles',
    label: 'nav.cycles',
    roles: ['coordinator', 'province_admin', 'dossier_officer', 'council_secretary', 'inspector'],
  },
  { to: '/products', label: 'nav.products' },
  { to: '/tasks', label: 'nav.tasks' },
  { to: '/notifications', label: 'nav.notifications', roles: ['coordinator'] },
  { to: '/admin', label: 'nav.admin', roles: ['province_admin'] },
];

function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={currentLanguage()}
        onChange={(event) => {
          const chosen = LANGUAGES.find((language) => language === event.target.value);
          if (chosen) void switchLanguage(chosen);
        }}
        aria-label={t('language.label')}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, grantsOf, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const entries = MENU.filter((entry) => !entry.roles || grantsOf(...entry.roles).length > 0);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <NavLink to="/" className="brand">
          {t('appName')}
        </NavLink>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('nav.menu')}
        </button>
        <nav id="main-menu" aria-label={t('nav.label')} className={menuOpen ? 'menu open' : 'menu'}>
          <ul>
            {entries.map((entry) => (
              <li key={entry.to}>
                <NavLink to={entry.to} onClick={() => setMenuOpen(false)}>
                  {t(entry.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          <span className="who">{me?.principal.name ?? ''}</span>
          <LanguageSwitch />
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
