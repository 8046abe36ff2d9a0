import {
  Alert, Chip, FormControl, InputLabel, MenuItem, Select, Stack, Table, TableBody, TableCell, TableContainer, TableHead,
  TableRow, TextField, Typography,
} from '@mui/material';
import { useState } from 'react';
import { modelPopularity } from '../api/graphql';
import { request } from '../api/client';
import type { CatalogModel, CatalogProvider, Tier } from '../api/types';
import { TIERS } from '../api/types';
import { count, per1k } from '../format';
import { Empty, PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

type SortKey = 'cost' | 'latency' | 'popularity' | 'quality';

interface CatalogData { models: CatalogModel[]; providers: CatalogProvider[]; available: Set<string> }

export interface CatalogQuery { text: string; provider: string; tier: string; useCase: string; sort: SortKey }

/** Search, filter and sort the catalog the way the page does (popularity: requests per model, when known). */
export function query(models: CatalogModel[], providers: CatalogProvider[], q: CatalogQuery,
                      popularity: Map<string, number> | null): CatalogModel[] {
  const text = q.text.trim().toLowerCase();
  const latency = new Map(providers.map((p) => [p.id, p.health.p95_ms ?? Number.MAX_SAFE_INTEGER]));
  const cost = (m: CatalogModel) => m.input_per1k + m.output_per1k;
  const filtered = models.filter((m) => (!text || m.id.toLowerCase().includes(text) || m.provider.toLowerCase().includes(text)
      || m.upstream_model.toLowerCase().includes(text))
    && (!q.provider || m.provider === q.provider) && (!q.tier || m.min_tier === q.tier)
    && (!q.useCase || m.use_cases.includes(q.useCase)));
  const by: Record<SortKey, (a: CatalogModel, b: CatalogModel) => number> = {
    cost: (a, b) => cost(a) - cost(b),
    latency: (a, b) => (latency.get(a.provider) ?? 0) - (latency.get(b.provider) ?? 0),
    quality: (a, b) => b.quality - a.quality,
    popularity: (a, b) => (popularity?.get(b.id) ?? 0) - (popularity?.get(a.id) ?? 0),
  };
  return [...filtered].sort((a, b) => by[q.sort](a, b) || a.id.localeCompare(b.id));
}

const TIER_COLORS: Record<Tier, 'default' | 'primary' | 'secondary' | 'success'> = {
  free: 'success', starter: 'primary', professional: 'secondary', enterprise: 'default',
};

/** The model catalog (/admin/llm/models). */
export function Models() {
  const session = useSignedIn();
  const state = useLoad<CatalogData>(async () => {
    const [models, providers, available] = await Promise.all([
      request<{ models: CatalogModel[] }>(session.credential, 'GET', '/api/v1/llm/catalog/models'),
      request<{ providers: CatalogProvider[] }>(session.credential, 'GET', '/api/v1/llm/providers'),
      // the models the caller may use now: its tier's or its own keys', on providers connected here
      request<{ data: { id: string }[] }>(session.credential, 'GET', '/v1/models'),
    ]);
    return { models: models.models, providers: providers.providers, available: new Set(available.data.map((m) => m.id)) };
  });
  const now = new Date();
  const popularity = useLoad(async () => new Map((await modelPopularity(session.credential,
    new Date(now.getTime() - 30 * 86_400_000).toISOString(), now.toISOString())).map((s) => [s.key, s.requests])));
  const [q, setQ] = useState<CatalogQuery>({ text: '', provider: '', tier: '', useCase: '', sort: 'cost' });
  const set = (patch: Partial<CatalogQuery>) => setQ((old) => ({ ...old, ...patch }));

  return (
    <>
      <PageTitle title="Model catalog" subtitle="Every model the gateway can route to, with its price per 1,000 tokens." />
      <Show state={state} what="the catalog">
        {(data) => {
          const providerIds = [...new Set(data.models.map((m) => m.provider))].sort();
          const useCases = [...new Set(data.models.flatMap((m) => m.use_cases))].sort();
          const rows = query(data.models, data.providers, q, popularity.data);
          const health = new Map(data.providers.map((p) => [p.id, p]));
          const available = (m: CatalogModel) => data.available.has(m.id);
          return (
            <>
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
                <TextField label="Search models" value={q.text} onChange={(e) => set({ text: e.target.value })} size="small"
                  slotProps={{ htmlInput: { type: 'search' } }} sx={{ minWidth: 220 }} />
                <Filter label="Provider" value={q.provider} options={providerIds} onChange={(v) => set({ provider: v })} />
                <Filter label="Tier" value={q.tier} options={TIERS} onChange={(v) => set({ tier: v })} />
                <Filter label="Use case" value={q.useCase} options={useCases} onChange={(v) => set({ useCase: v })} />
                <FormControl size="small" sx={{ minWidth: 160 }}>
                  <InputLabel id="sort-label">Sort by</InputLabel>
                  <Select labelId="sort-label" label="Sort by" value={q.sort} onChange={(e) => set({ sort: e.target.value as SortKey })}>
                    <MenuItem value="cost">Cost</MenuItem>
                    <MenuItem value="latency">Latency</MenuItem>
                    <MenuItem value="quality">Quality</MenuItem>
                    <MenuItem value="popularity">Popularity</MenuItem>
                  </Select>
                </FormControl>
              </Stack>
              {q.sort === 'popularity' && popularity.error && (
                <Alert severity="warning" sx={{ mb: 2 }}>Popularity is not available from this gateway yet: {popularity.error}</Alert>
              )}
              <Typography role="status" aria-live="polite" variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="model-count">
                {rows.length} of {data.models.length} models
              </Typography>
              {rows.length === 0 ? <Empty>No model matches these filters.</Empty> : (
                <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Models (scrolls sideways)">
                  <Table size="small" aria-label="Models">
                    <TableHead>
                      <TableRow>
                        <TableCell>Model</TableCell><TableCell>Provider</TableCell><TableCell>Tier</TableCell>
                        <TableCell align="right">Credits / 1K in · out</TableCell><TableCell align="right">Context</TableCell>
                        <TableCell align="right">p95 latency</TableCell><TableCell align="right">Requests (30 d)</TableCell>
                        <TableCell>Available to you</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {rows.map((m) => (
                        <TableRow key={m.id} data-model={m.id}>
                          <TableCell sx={{ fontWeight: 600 }}>{m.id}</TableCell>
                          <TableCell>{m.provider}</TableCell>
                          <TableCell><Chip size="small" label={m.min_tier} color={TIER_COLORS[m.min_tier]} /></TableCell>
                          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{per1k(m.input_per1k)} · {per1k(m.output_per1k)}</TableCell>
                          <TableCell align="right">{count(m.context_tokens)}</TableCell>
                          <TableCell align="right">{health.get(m.provider)?.health.p95_ms !== undefined ? `${health.get(m.provider)?.health.p95_ms} ms` : '—'}</TableCell>
                          <TableCell align="right">{popularity.data ? count(popularity.data.get(m.id) ?? 0) : '—'}</TableCell>
                          <TableCell>{available(m) ? <span aria-label="available">✓ yes</span> : <span aria-label="not available">✗ no</span>}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
              )}
            </>
          );
        }}
      </Show>
    </>
  );
}

function Filter({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  const id = `filter-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select labelId={id} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <MenuItem value="">All</MenuItem>
        {options.map((o) => <MenuItem key={o} value={o}>{o}</MenuItem>)}
      </Select>
    </FormControl>
  );
}
