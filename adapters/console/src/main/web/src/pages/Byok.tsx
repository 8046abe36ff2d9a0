import {
  Alert, AlertTitle, Box, Button, Card, CardActions, CardContent, Chip, Dialog, DialogActions, DialogContent,
  DialogContentText, DialogTitle, Grid, Stack, TextField, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import { useState } from 'react';
import { messageOf, request } from '../api/client';
import type { ByokProvider, KeyTest, ProviderKey } from '../api/types';
import { tierAllows } from '../api/types';
import { ago } from '../format';
import { keyFormatProblem } from '../keyFormat';
import { PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

interface ByokData { providers: ByokProvider[]; keys: ProviderKey[] }

/** The BYOK page (/admin/llm/byok): one card per provider, the add/edit modal, re-test and delete. */
export function Byok() {
  const session = useSignedIn();
  const state = useLoad<ByokData>(async () => {
    const [providers, keys] = await Promise.all([
      request<{ providers: ByokProvider[] }>(session.credential, 'GET', '/api/v1/byok/providers'),
      request<{ keys: ProviderKey[] }>(session.credential, 'GET', '/api/v1/byok/keys'),
    ]);
    return { providers: providers.providers, keys: keys.keys };
  });
  const [editing, setEditing] = useState<ByokProvider | null>(null);
  const [deleting, setDeleting] = useState<ByokProvider | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const canUseByok = session.tier !== null && tierAllows(session.tier, 'starter');

  async function retest(provider: ByokProvider) {
    setBusy(provider.id);
    setNotice(null);
    try {
      const result = await request<{ results: KeyTest[] }>(session.credential, 'POST',
        `/api/v1/byok/keys/test/${encodeURIComponent(provider.id)}`);
      const failed = result.results.filter((r) => r.status !== 'valid');
      setNotice(failed.length === 0
        ? { severity: 'success', text: `${provider.name}: the key works.` }
        : { severity: 'error', text: `${provider.name}: ${failed.map((r) => `${r.status} — ${r.detail}`).join('; ')}` });
    } catch (e) {
      setNotice({ severity: 'error', text: `${provider.name}: ${messageOf(e)}` });
    } finally {
      setBusy(null);
      state.reload();
    }
  }

  async function remove(provider: ByokProvider) {
    setDeleting(null);
    setBusy(provider.id);
    try {
      await request(session.credential, 'DELETE', `/api/v1/byok/keys/${encodeURIComponent(provider.id)}`);
      setNotice({ severity: 'success', text: `${provider.name}: the key was deleted and its data key destroyed.` });
    } catch (e) {
      setNotice({ severity: 'error', text: `${provider.name}: ${messageOf(e)}` });
    } finally {
      setBusy(null);
      state.reload();
    }
  }

  return (
    <>
      <PageTitle title="Provider keys (BYOK)"
        subtitle="Bring your own provider keys: calls on them are made with your key and charged nothing here by default." />
      {!canUseByok && (
        <Alert severity="info" sx={{ mb: 3 }} role="region" aria-label="Upgrade to Starter">
          <AlertTitle>Upgrade to Starter to bring your own keys</AlertTitle>
          <Typography variant="body2" sx={{ mb: 1 }}>
            Your account is on the Free tier. Ask your administrator to move it to Starter or above to:
          </Typography>
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            <li>Use your own OpenAI, Anthropic, Groq and other provider keys</li>
            <li>Pay provider costs directly, with no markup</li>
            <li>Unlimited usage with your keys</li>
          </ul>
        </Alert>
      )}
      {notice && <Alert severity={notice.severity} role={notice.severity === 'error' ? 'alert' : 'status'} sx={{ mb: 2 }}
        onClose={() => setNotice(null)}>{notice.text}</Alert>}
      <Show state={state} what="your provider keys">
        {(data) => (
          <Grid container spacing={2}>
            {data.providers.map((provider) => (
              <Grid key={provider.id} size={{ xs: 12, sm: 6, lg: 4, xl: 3 }}>
                <ProviderCard provider={provider} keys={data.keys.filter((k) => k.provider === provider.id)}
                  canUseByok={canUseByok} busy={busy === provider.id}
                  onEdit={() => setEditing(provider)} onRetest={() => retest(provider)}
                  onDelete={() => setDeleting(provider)} />
              </Grid>
            ))}
          </Grid>
        )}
      </Show>
      {editing && (
        <AddKeyDialog provider={editing} onClose={() => setEditing(null)}
          onSaved={() => { setNotice({ severity: 'success', text: `${editing.name}: the key was saved, encrypted.` }); setEditing(null); state.reload(); }} />
      )}
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} aria-labelledby="delete-title">
        <DialogTitle id="delete-title">Delete the {deleting?.name} key?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The key is removed and its encryption key destroyed; requests fall back to the platform's keys.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(null)}>Cancel</Button>
          <Button color="error" variant="contained" onClick={() => deleting && remove(deleting)}>Delete</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function status(keys: ProviderKey[]): { label: string; color: 'success' | 'error' | 'warning' | 'default' } {
  if (keys.length === 0) return { label: 'Not configured', color: 'default' };
  if (keys.some((k) => k.last_test && k.last_test.status !== 'valid')) return { label: 'Failing', color: 'error' };
  if (keys.some((k) => k.needs_test)) return { label: 'Needs a test', color: 'warning' };
  return { label: 'Connected', color: 'success' };
}

function ProviderCard({ provider, keys, canUseByok, busy, onEdit, onRetest, onDelete }: {
  provider: ByokProvider; keys: ProviderKey[]; canUseByok: boolean; busy: boolean;
  onEdit: () => void; onRetest: () => void; onDelete: () => void;
}) {
  const s = status(keys);
  const headingId = `provider-${provider.id}`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} data-provider={provider.id}
      sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 1 }}>
          <Typography variant="h6" component="h2" id={headingId}>{provider.name}</Typography>
          <Chip size="small" label={s.label} color={s.color} variant={s.color === 'default' ? 'outlined' : 'filled'} />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>Format: {provider.key_format}</Typography>
        {keys.map((k) => (
          <Box key={k.id} sx={{ mt: 1.5 }}>
            <Typography variant="body2" sx={{ fontFamily: 'monospace' }} aria-label={`Key preview ${k.masked_key}`}>
              {k.masked_key}{k.label ? ` · ${k.label}` : ''}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Last tested: {k.last_test ? `${ago(k.last_test.tested_at)} (${k.last_test.status})` : 'never'}
            </Typography>
          </Box>
        ))}
      </CardContent>
      <CardActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button variant={keys.length ? 'outlined' : 'contained'} size="small" onClick={onEdit} disabled={!canUseByok}
          aria-label={`${keys.length ? 'Replace key' : 'Add key'} for ${provider.name}`}>
          {keys.length ? 'Replace key' : 'Add key'}
        </Button>
        {keys.length > 0 && (
          <>
            <Button size="small" onClick={onRetest} disabled={busy || !provider.testable}
              aria-label={`Re-test the ${provider.name} key`}>Re-test</Button>
            <Button size="small" color="error" onClick={onDelete} disabled={busy}
              aria-label={`Delete the ${provider.name} key`}>Delete</Button>
          </>
        )}
      </CardActions>
    </Card>
  );
}

/** Add or replace a provider's key: provider locked, optional label, password field, format check, test, save. */
export function AddKeyDialog({ provider, onClose, onSaved }: { provider: ByokProvider; onClose: () => void; onSaved: () => void }) {
  const session = useSignedIn();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [touched, setTouched] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = keyFormatProblem(provider, apiKey);
  const showProblem = touched && apiKey.length > 0 && problem !== null;

  async function runTest() {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setTest(null);
    setError(null);
    try {
      const result = await request<{ results: KeyTest[] }>(session.credential, 'POST',
        `/api/v1/byok/keys/test/${encodeURIComponent(provider.id)}`, { api_key: apiKey });
      const first = result.results[0];
      setTest(first && first.status === 'valid'
        ? { ok: true, text: `The key works (${first.latency_ms} ms).` }
        : { ok: false, text: first ? `${first.status}: ${first.detail}` : 'The provider gave no answer.' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await request(session.credential, 'POST', '/api/v1/byok/keys/add', {
        provider: provider.id, api_key: apiKey, ...(label.trim() ? { label: label.trim() } : {}),
        ...(provider.custom && baseUrl.trim() ? { base_url: baseUrl.trim() } : {}),
      });
      setApiKey('');
      if (provider.testable) {
        // the stored key is tested once more, so the card shows when it was last tested and how it went
        await request(session.credential, 'POST', `/api/v1/byok/keys/test/${encodeURIComponent(provider.id)}`,
          label.trim() ? { label: label.trim() } : undefined).catch(() => undefined);
      }
      onSaved();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="add-key-title">
      <DialogTitle id="add-key-title">Your {provider.name} key</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField label="Provider" value={provider.name} slotProps={{ htmlInput: { readOnly: true } }} fullWidth />
          <TextField label="Label (optional)" value={label} onChange={(e) => setLabel(e.target.value)} fullWidth
            placeholder={`My ${provider.name} key`} />
          {provider.custom && (
            <TextField label="Base URL" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} fullWidth
              placeholder="https://llm.example.com/v1" />
          )}
          <TextField label="API key" type="password" value={apiKey} required fullWidth autoComplete="off"
            onChange={(e) => { setApiKey(e.target.value); setTest(null); }} onBlur={() => setTouched(true)}
            error={showProblem} helperText={showProblem ? problem : `Expected: ${provider.key_format}`}
            slotProps={{ htmlInput: { spellCheck: false } }} />
          {test && <Alert severity={test.ok ? 'success' : 'error'} role={test.ok ? 'status' : 'alert'}>{test.text}</Alert>}
          {error && <Alert severity="error" role="alert">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button onClick={runTest} disabled={busy || !apiKey || !provider.testable} variant="outlined">Test connection</Button>
        <Button onClick={save} disabled={busy || !apiKey} variant="contained">Save</Button>
      </DialogActions>
    </Dialog>
  );
}
