import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { Analytics } from './pages/Analytics';
import { Audit } from './pages/Audit';
import { Byok } from './pages/Byok';
import { Credits } from './pages/Credits';
import { Models } from './pages/Models';
import { Providers } from './pages/Providers';
import { Settings } from './pages/Settings';
import { SignIn } from './pages/SignIn';
import { Accounts } from './pages/admin/Accounts';
import { CatalogAdmin } from './pages/admin/CatalogAdmin';
import { MasterKey } from './pages/admin/MasterKey';
import { Routing } from './pages/admin/Routing';
import { SessionProvider, useSession, type Session } from './session';
import { themeFor } from './theme';

function Pages() {
  const { session } = useSession();
  if (!session) {
    // Any deep link shows the sign-in first and then its own page (the URL is kept).
    return <SignIn />;
  }
  const home = session.role === 'admin' ? '/admin/accounts' : '/admin/llm/byok';
  const account = session.role === 'account';
  return (
    <Routes>
      <Route path="/" element={<Navigate to={home} replace />} />
      <Route path="/admin" element={<Navigate to={home} replace />} />
      <Route path="/admin/llm/byok" element={account ? <Byok /> : <Navigate to={home} replace />} />
      <Route path="/admin/account/settings" element={account ? <Settings /> : <Navigate to={home} replace />} />
      <Route path="/admin/subscription/credits" element={account ? <Credits /> : <Navigate to={home} replace />} />
      <Route path="/admin/llm/analytics" element={<Analytics />} />
      <Route path="/admin/llm/models" element={<Models />} />
      <Route path="/admin/llm/providers" element={<Providers />} />
      <Route path="/admin/audit" element={<Audit />} />
      <Route path="/admin/accounts" element={account ? <Navigate to={home} replace /> : <Accounts />} />
      <Route path="/admin/catalog" element={account ? <Navigate to={home} replace /> : <CatalogAdmin />} />
      <Route path="/admin/routing" element={account ? <Navigate to={home} replace /> : <Routing />} />
      <Route path="/admin/master-key" element={account ? <Navigate to={home} replace /> : <MasterKey />} />
      <Route path="*" element={<Navigate to={home} replace />} />
    </Routes>
  );
}

function Shell() {
  const { session } = useSession();
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const [mode, setMode] = useState<'light' | 'dark' | null>(null);
  const effective = mode ?? (prefersDark ? 'dark' : 'light');
  return (
    <ThemeProvider theme={themeFor(effective)}>
      <CssBaseline />
      {session
        ? <Layout mode={effective} onToggleMode={() => setMode(effective === 'dark' ? 'light' : 'dark')}><Pages /></Layout>
        : <Pages />}
    </ThemeProvider>
  );
}

export function App({ initialSession = null }: { initialSession?: Session | null }) {
  return (
    <BrowserRouter>
      <SessionProvider initial={initialSession}>
        <Shell />
      </SessionProvider>
    </BrowserRouter>
  );
}
