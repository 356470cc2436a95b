import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { call, get, onLoggedOut, type Me } from './api';
import { useFleetEvents } from './live';
import { Login } from './pages/Login';
import { PAGES, pageFromHash, useUi, type Page } from './store';
import { Overview } from './pages/Overview';
import { Wizard } from './pages/Wizard';
import { Machines } from './pages/Machines';
import { Training } from './pages/Training';
import { Explorer } from './pages/Explorer';
import { BatchPage } from './pages/Batch';
import { ValidationPage } from './pages/Validation';
import { DataUpload } from './pages/DataUpload';
import { ComparePage } from './pages/Compare';

const VIEWS: Record<Page, () => JSX.Element> = {
  overview: Overview,
  wizard: Wizard,
  data: DataUpload,
  machines: Machines,
  training: Training,
  explorer: Explorer,
  compare: ComparePage,
  batch: BatchPage,
  validation: ValidationPage,
};

function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <span>{t.text}</span>
          <button className="ghost small" onClick={() => dismiss(t.id)} aria-label="Dismiss notification">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** The session gate: the login page until the gateway knows who this is, then the dashboard. */
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const qc = useQueryClient();
  useEffect(() => {
    onLoggedOut(() => setMe(null));
    get<Me>('/auth/me').then(
      (m) => setMe(m.username ? m : null),
      () => setMe(null),
    );
  }, []);
  if (me === undefined) return null;
  if (me === null) {
    return (
      <Login
        onLogin={(m) => {
          qc.clear();
          setMe(m);
        }}
      />
    );
  }
  return (
    <Shell
      me={me}
      onLogout={async () => {
        await call<void>('/auth/logout', { method: 'POST' }).catch(() => undefined);
        qc.clear();
        setMe(null);
      }}
    />
  );
}

function Shell({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const [page, setPage] = useState<Page>(() => pageFromHash(location.hash));
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  useFleetEvents();
  useEffect(() => {
    const on = () => {
      setPage(pageFromHash(location.hash));
      setMenuOpen(false);
      window.scrollTo(0, 0);
      main.current?.focus({ preventScroll: true });
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    document.title = `${PAGES.find((p) => p.id === page)?.label} · Fleetsynth`;
  }, [page]);
  const View = VIEWS[page];
  return (
    <div className="layout">
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header className="header">
        <button className="ghost menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>
          <span aria-hidden="true">☰</span>
          <span className="sr-only">Menu</span>
        </button>
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        <span className="brand">Fleetsynth</span>
        <span className="tagline">synthetic sensor data for predictive maintenance</span>
        <span className="user-menu">
          <span>
            {me.username} · {me.role}
          </span>
          <button className="ghost small" onClick={onLogout}>
            Log out
          </button>
        </span>
      </header>
      <nav id="nav" className={'nav' + (menuOpen ? ' open' : '')} aria-label="Main">
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
        <p className="nav-foot">
          API: <a href="/q/swagger-ui">Swagger UI</a>
        </p>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <View />
      </main>
      <Toasts />
    </div>
  );
}
