import { Alert, Box, Button, Card, CardContent, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { messageOf, request } from '../../api/client';
import type { CatalogModel, CatalogProvider } from '../../api/types';
import { per1k } from '../../format';
import { PageTitle, Show, useLoad } from '../../components/states';
import { useSignedIn } from '../../session';

/** Providers and models (/admin/catalog): the catalog's providers, probe one now, remove a model; define one as JSON. */
export function CatalogAdmin() {
  const session = useSignedIn();
  const state = useLoad(async () => {
    const [providers, models] = await Promise.all([
      request<{ catalog_version: number; providers: CatalogProvider[] }>(session.credential, 'GET', '/api/v1/llm/providers'),
      request<{ models: CatalogModel[] }>(session.credential, 'GET', '/api/v1/llm/catalog/models'),
    ]);
    return { version: providers.catalog_version, providers: providers.providers, models: models.models };
  });
  const [model, setModel] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function act(action: () => Promise<string>) {
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: await action() });
      state.reload();
    } catch (e) {
      setOutcome({ ok: false, text: messageOf(e) });
    }
  }

  const define = (event: FormEvent) => {
    event.preventDefault();
    act(async () => {
      let body: unknown;
      try { body = JSON.parse(model); } catch { throw new Error('The model is not valid JSON.'); }
      const result = await request<{ catalog_version: number }>(session.credential, 'POST', '/api/v1/llm/models', body);
      return `Saved; catalog version ${result.catalog_version}.`;
    });
  };

  return (
    <>
      <PageTitle title="Providers and models" subtitle="The routing catalog: every change is a new catalog version." />
      {outcome && <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'} sx={{ mb: 2 }}>{outcome.text}</Alert>}
      <Show state={state} what="the catalog">
        {(data) => (
          <Stack spacing={3}>
            <Typography>Catalog version {data.version}</Typography>
            <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Catalog providers (scrolls sideways)">
              <Table size="small" aria-label="Catalog providers">
                <TableHead><TableRow><TableCell>Provider</TableCell><TableCell>Connected</TableCell><TableCell>Health</TableCell><TableCell>Actions</TableCell></TableRow></TableHead>
                <TableBody>
                  {data.providers.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>{p.name} ({p.id})</TableCell><TableCell>{p.connected ? 'yes' : 'no'}</TableCell><TableCell>{p.health.status}</TableCell>
                      <TableCell>
                        <Button size="small" disabled={!p.connected} aria-label={`Probe now: ${p.name}`}
                          onClick={() => act(async () => { await request(session.credential, 'POST', '/api/v1/llm/test', { provider: p.id }); return `${p.name} probed.`; })}>Probe now</Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Catalog models (scrolls sideways)">
              <Table size="small" aria-label="Catalog models">
                <TableHead><TableRow><TableCell>Model</TableCell><TableCell>Provider</TableCell><TableCell>Tier</TableCell><TableCell align="right">Credits / 1K in · out</TableCell><TableCell align="right">Quality</TableCell><TableCell>Actions</TableCell></TableRow></TableHead>
                <TableBody>
                  {data.models.map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>{m.id}</TableCell><TableCell>{m.provider}</TableCell><TableCell>{m.min_tier}</TableCell>
                      <TableCell align="right">{per1k(m.input_per1k)} · {per1k(m.output_per1k)}</TableCell><TableCell align="right">{m.quality}</TableCell>
                      <TableCell>
                        <Button size="small" color="error" aria-label={`Remove ${m.id}`}
                          onClick={() => act(async () => { await request(session.credential, 'DELETE', `/api/v1/llm/models?id=${encodeURIComponent(m.id)}`); return `${m.id} removed.`; })}>Remove</Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Card variant="outlined" component="section" aria-labelledby="define-title"><CardContent>
              <Typography variant="h6" component="h2" id="define-title" gutterBottom>Define or reprice a model</Typography>
              <Box component="form" onSubmit={define}>
                <TextField label="Model (JSON, as POST /api/v1/llm/models takes it)" value={model} onChange={(e) => setModel(e.target.value)}
                  multiline minRows={4} fullWidth slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }} />
                <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={!model.trim()}>Save model</Button>
              </Box>
            </CardContent></Card>
          </Stack>
        )}
      </Show>
    </>
  );
}
