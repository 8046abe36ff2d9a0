import { Alert, Box, Button, Card, CardContent, Divider, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { messageOf } from '../api/client';
import { signInWithOidc, type ConsoleConfig } from '../oidc';
import { useSession } from '../session';

/**
 * Sign-in with an account key or the admin key (kept in memory only), or through the configured
 * identity provider (authorization code with PKCE).
 */
export function SignIn() {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [config, setConfig] = useState<ConsoleConfig | null>(null);

  useEffect(() => {
    fetch('/console/config.json').then((r) => (r.ok ? r.json() : null)).then(setConfig, () => setConfig(null));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim()) {
      setError('Enter an account key or the admin key.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(key, 'key');
      setKey('');
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  async function oidc() {
    if (!config) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(await signInWithOidc(config), 'oidc');
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 440 }} variant="outlined">
        <CardContent>
          <Typography variant="h4" component="h1" gutterBottom>Switchgear console</Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Sign in with an account key (sg-…) or the admin key. The key stays in this tab's memory only:
            reloading or closing the tab signs you out.
          </Typography>
          <Box component="form" onSubmit={submit} noValidate>
            <Stack spacing={2}>
              <TextField label="API key" type="password" value={key} onChange={(e) => setKey(e.target.value)}
                autoComplete="off" autoFocus fullWidth required
                slotProps={{ htmlInput: { 'aria-describedby': error ? 'sign-in-error' : undefined, spellCheck: false } }} />
              {error && <Alert id="sign-in-error" severity="error" role="alert">{error}</Alert>}
              <Button type="submit" variant="contained" size="large" disabled={busy}>Sign in</Button>
            </Stack>
          </Box>
          {config?.oidc.enabled && (
            <>
              <Divider sx={{ my: 2 }}>or</Divider>
              <Button fullWidth variant="outlined" size="large" onClick={oidc} disabled={busy}>
                Sign in with your organisation (single sign-on)
              </Button>
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
