/**
 * The shell: session gate, layout (skip link, navigation, collection and language switches)
 * and the route table. Pages other than the three everyone opens first load on demand, so the
 * first load stays small.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthProvider, CollectionProvider, isAdmin, useAuth, useCollection, VocabProvider } from './data.js';
import { asLang, LANGUAGES, setLanguage } from './i18n/index.js';
import { Link, matchPath, navigate, useLocation } from './router.js';
import { Loading, PageTitle } from './components/ui.js';
import { DashboardPage } from './pages/dashboard.js';
import { IncidentPage } from './pages/incident.js';
import { IncidentsPage } from './pages/incidents.js';

const AddSourcePage = lazy(() => import('./pages/add-source.js').then((m) => ({ default: m.AddSourcePage })));
const IncidentFormPage = lazy(() => import('./pages/incident-form.js').then((m) => ({ default: m.IncidentFormPage })));
const ClaimFormPage = lazy(() => import('./pages/claim-form.js').then((m) => ({ default: m.ClaimFormPage })));
const SourceFormPage = lazy(() => import('./pages/source-form.js').then((m) => ({ default: m.SourceFormPage })));
const SourcesPage = lazy(() => import('./pages/sources.js').then((m) => ({ default: m.SourcesPage })));
const ActorFormPage = lazy(() => import('./pages/actor-form.js').then((m) => ({ default: m.ActorFormPage })));
const ActorsPage = lazy(() => import('./pages/actors.js').then((m) => ({ default: m.ActorsPage })));
const PeoplePage = lazy(() => import('./pages/people.js').then((m) => ({ default: m.PeoplePage })));
const AuditPage = lazy(() => import('./pages/audit.js').then((m) => ({ default: m.AuditPage })));
const SetupPage = lazy(() => import('./pages/setup.js').then((m) => ({ default: m.SetupPage })));
const SignInPage = lazy(() => import('./pages/sign-in.js').then((m) => ({ default: m.SignInPage })));

type Route = readonly [pattern: string, render: (params: Record<string, string>) => ReactNode];

const ROUTES: readonly Route[] = [
  ['/', () => <DashboardPage />],
  ['/incidents', () => <IncidentsPage />],
  ['/incidents/new', () => <IncidentFormPage />],
  ['/incidents/:id', (p) => <IncidentPage id={p.id as string} />],
  ['/incidents/:id/edit', (p) => <IncidentFormPage id={p.id as string} />],
  ['/claims/new', () => <ClaimFormPage />],
  ['/claims/:id/edit', (p) => <ClaimFormPage id={p.id as string} />],
  ['/add-source', () => <AddSourcePage />],
  ['/sources', () => <SourcesPage />],
  ['/sources/new', () => <SourceFormPage />],
  ['/sources/:id/edit', (p) => <SourceFormPage id={p.id as string} />],
  ['/actors', () => <ActorsPage />],
  ['/actors/new', () => <ActorFormPage />],
  ['/actors/:id/edit', (p) => <ActorFormPage id={p.id as string} />],
  ['/people', () => <PeoplePage />],
  ['/audit', () => <AuditPage />],
];

const PUBLIC_PATHS = new Set(['/setup', '/sign-in']);

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>
        <Link to="/">{t('nav.dashboard')}</Link>
      </p>
    </>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = asLang(i18n.language);
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((lang) => (
        <button key={lang} type="button" lang={lang} aria-pressed={current === lang} onClick={() => void setLanguage(lang)}>
          {lang === 'en' ? 'English' : 'Русский'}
        </button>
      ))}
    </div>
  );
}

function CollectionSwitch() {
  const { t } = useTranslation();
  const { collections, current, setCurrent } = useCollection();
  if (collections.length === 0) return null;
  return (
    <div className="collection-switch">
      <label htmlFor="collection-switch">{t('nav.collection')}</label>
      <select id="collection-switch" value={current?.id ?? ''} onChange={(e) => setCurrent(e.target.value)}>
        {collections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { path } = useLocation();
  const active = to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
  return (
    <Link to={to} {...(active ? { 'aria-current': 'page' as const } : {})}>
      {children}
    </Link>
  );
}

function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const auth = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to="/">Vigil</Link>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul>
            <li>
              <NavLink to="/">{t('nav.dashboard')}</NavLink>
            </li>
            <li>
              <NavLink to="/incidents">{t('nav.incidents')}</NavLink>
            </li>
            <li>
              <NavLink to="/add-source">{t('nav.addSource')}</NavLink>
            </li>
            <li>
              <NavLink to="/sources">{t('nav.sources')}</NavLink>
            </li>
            <li>
              <NavLink to="/actors">{t('nav.actors')}</NavLink>
            </li>
            <li>
              <NavLink to="/people">{t('nav.people')}</NavLink>
            </li>
            {isAdmin(auth) && (
              <li>
                <NavLink to="/audit">{t('nav.audit')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="header-tools">
          <CollectionSwitch />
          <LanguageSwitch />
          {auth.user && (
            <div className="user-menu">
              <span className="muted">{auth.user.displayName}</span>
              <button type="button" onClick={() => void auth.signOut(false)}>
                {t('auth.signOut')}
              </button>
              <button type="button" onClick={() => void auth.signOut(true)}>
                {t('auth.signOutEverywhere')}
              </button>
            </div>
          )}
        </div>
      </header>
      {!auth.loading && !auth.available && (
        <p className="banner" role="note">
          {t('auth.openServer')}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Routes() {
  const { path } = useLocation();
  const auth = useAuth();

  // The gate: a server with accounts sends the reader to set-up or sign-in first.
  const redirect = !auth.loading && auth.available ? (auth.setupRequired ? '/setup' : !auth.user ? '/sign-in' : null) : null;
  const gated = redirect !== null && !PUBLIC_PATHS.has(path);
  useEffect(() => {
    if (gated && redirect) navigate(redirect === '/sign-in' ? `/sign-in?next=${encodeURIComponent(path)}` : redirect, { replace: true });
  }, [gated, redirect, path]);

  if (auth.loading || gated) return <Loading />;
  if (path === '/setup') return <SetupPage />;
  if (path === '/sign-in') return <SignInPage />;
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return <>{render(params)}</>;
  }
  return <NotFound />;
}

function Shell() {
  const auth = useAuth();
  const ready = !auth.loading && (!auth.available || auth.user !== null);
  // A new session (another account) loads the collections and vocabularies afresh.
  const session = ready ? (auth.user?.id ?? 'open') : null;
  return (
    <VocabProvider key={`v-${session}`} enabled={ready}>
      <CollectionProvider key={`c-${session}`} enabled={ready}>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes />
          </Suspense>
        </Layout>
      </CollectionProvider>
    </VocabProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  );
}
