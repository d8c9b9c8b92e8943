/**
 * Every page's frame, in Bootstrap Italia's header pattern: a skip link, the slim header (owner,
 * language, the person signed in, linked to their account page, and "Sign out"), the brand, the navigation of what the role may
 * see, then main. On every route change the focus moves to the new page's h1, so a screen
 * reader announces where it is and Tab starts from the content.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import type { Permission } from '../../domain/governance/roles.js';
import { useI18n } from '../i18n/index.js';
import type { Messages } from '../i18n/it.js';
import { can } from '../permissions.js';
import { useSession } from '../session.js';
import type { User } from '../types.js';

interface NavItem {
  readonly to: string;
  readonly label: (t: Messages) => string;
  readonly show: (user: User) => boolean;
  readonly end?: boolean;
}

const has = (permission: Permission) => (user: User) => can(user, permission);

const NAV: readonly NavItem[] = [
  { to: '/', label: (t) => t.nav.home, show: () => true, end: true },
  { to: '/risultati', label: (t) => t.nav.results, show: has('results:read') },
  { to: '/suggerimenti', label: (t) => t.nav.suggestions, show: has('results:read') },
  { to: '/enti', label: (t) => t.nav.enti, show: (u) => u.role === 'platform-admin', end: false },
  {
    to: '/enti/richiesta',
    label: (t) => t.nav.requestEnte,
    show: (u) => u.role === null,
  },
  { to: '/servizi', label: (t) => t.nav.services, show: has('services:read') },
  { to: '/questionnaires', label: (t) => t.nav.questionnaires, show: has('questionnaires:read') },
  { to: '/persone', label: (t) => t.nav.people, show: has('users:read') },
  { to: '/chiavi', label: (t) => t.nav.apiKeys, show: has('api-keys:read') },
  { to: '/audit', label: (t) => t.nav.audit, show: has('audit:read') },
];

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { user, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  // The first page keeps the focus at the top, where the skip link is; so does a redirect (a
  // REPLACE: to sign-in, or away from it), unless it says `focusHeading` (from an accepted
  // invitation, replaced so that its token leaves the history). A link followed or Back moves
  // it to the new h1.
  // (The path shown is remembered rather than a "first page" flag: an effect run twice for the
  // same path, as StrictMode does in a development build, is not a new page.)
  const navigationType = useNavigationType();
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    const previous = shownPath.current;
    shownPath.current = location.pathname;
    if (previous === null || previous === location.pathname) return;
    setMenuOpen(false);
    const focusHeading = (location.state as { focusHeading?: boolean } | null)?.focusHeading === true;
    if (navigationType !== 'REPLACE' || focusHeading) document.querySelector<HTMLElement>('main h1')?.focus();
    // Only a new path is a new page (a filter changes the query string alone).
  }, [location.pathname]);

  const other = lang === 'it' ? 'en' : 'it';
  const items = user ? NAV.filter((item) => item.show(user)) : [];
  const ownEnte = user && user.role !== 'platform-admin' && user.ente ? user.ente : null;

  return (
    <>
      <div className="skiplinks">
        <a
          className="visually-hidden-focusable"
          href="#main"
          onClick={(event) => {
            event.preventDefault();
            document.getElementById('main')?.focus();
          }}
        >
          {t.layout.skip}
        </a>
      </div>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="it-header-slim-wrapper-content console-slim">
              <span className="console-owner">{t.owner}</span>
              <div className="console-slim-right">
                <button
                  type="button"
                  className="btn console-slim-button"
                  lang={other}
                  onClick={() => setLang(other)}
                >
                  {t.layout.otherLanguage}
                </button>
                {user ? (
                  <>
                    <span className="console-user">
                      {t.layout.signedInAs}{' '}
                      <NavLink to="/account" className="console-user-link">
                        {user.email}
                        <span className="visually-hidden">, {t.layout.accountLink}</span>
                      </NavLink>
                    </span>
                    <button
                      type="button"
                      className="btn console-slim-button"
                      onClick={async () => {
                        try {
                          await signOut();
                        } finally {
                          navigate('/accedi');
                        }
                      }}
                    >
                      {t.layout.signOut}
                    </button>
                  </>
                ) : null}
              </div>
            </div>
          </div>
        </div>
        <div className="it-nav-wrapper">
          <div className="it-header-center-wrapper">
            <div className="container">
              <div className="it-header-center-content-wrapper">
                <div className="it-brand-wrapper">
                  <Link to="/">
                    <div className="it-brand-text">
                      <div className="it-brand-title">{t.appName}</div>
                      <div className="it-brand-tagline">{t.appTagline}</div>
                    </div>
                  </Link>
                </div>
              </div>
            </div>
          </div>
          {items.length > 0 ? (
            <div className="console-navbar">
              <div className="container">
                <nav className="console-nav" aria-label={t.layout.navLabel}>
                  <button
                    type="button"
                    className="btn console-nav-toggle"
                    aria-expanded={menuOpen}
                    aria-controls="console-nav-list"
                    onClick={() => setMenuOpen((open) => !open)}
                  >
                    {t.layout.menu}
                  </button>
                  <ul id="console-nav-list" className={`console-nav-list${menuOpen ? ' open' : ''}`}>
                    {items.map((item) => (
                      <li key={item.to}>
                        <NavLink
                          to={item.to}
                          end={item.end ?? false}
                          className="console-nav-link"
                          onClick={() => setMenuOpen(false)}
                        >
                          {item.label(t)}
                        </NavLink>
                      </li>
                    ))}
                    {ownEnte ? (
                      <li>
                        <NavLink
                          to={`/enti/${ownEnte.ipaCode}`}
                          className="console-nav-link"
                          onClick={() => setMenuOpen(false)}
                        >
                          {t.nav.myEnte}
                        </NavLink>
                      </li>
                    ) : null}
                  </ul>
                </nav>
              </div>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container console-main">
        <Outlet />
      </main>
      <footer className="console-footer">
        <div className="container">
          <p className="mb-0">{t.layout.footer}</p>
        </div>
      </footer>
    </>
  );
}
