import { Card, CardContent, Chip, Grid, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { request } from '../api/client';
import type { ByokStats, CatalogProvider } from '../api/types';
import { ago, count } from '../format';
import { PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

export function statusChip(p: CatalogProvider): { label: string; color: 'success' | 'error' | 'warning' | 'default' } {
  if (!p.connected) return { label: 'not connected', color: 'default' };
  switch (p.health.status) {
    case 'up': case 'closed': case 'healthy': return { label: p.health.status, color: 'success' };
    case 'down': case 'open': return { label: p.health.status, color: 'error' };
    case 'half_open': case 'degraded': return { label: p.health.status, color: 'warning' };
    default: return { label: p.health.status, color: 'default' };
  }
}

/** Providers (/admin/llm/providers): health, p95 latency, success rate, circuit state; own keys vs platform. */
export function Providers() {
  const session = useSignedIn();
  const providers = useLoad(() => request<{ catalog_version: number; providers: CatalogProvider[] }>(session.credential, 'GET', '/api/v1/llm/providers'));
  const stats = useLoad(() => session.role === 'account'
    ? request<ByokStats>(session.credential, 'GET', '/api/v1/byok/stats') : Promise.resolve(null));
  return (
    <>
      <PageTitle title="Providers" subtitle="The catalog's providers: whether they are connected here and how they are doing." />
      {session.role === 'account' && (
        <Show state={stats} what="your key usage">
          {(s) => s && (
            <Grid container spacing={2} sx={{ mb: 3 }}>
              {[['Requests on your own keys', s.byok_requests], ['Requests on the platform\'s keys', s.platform_requests],
                ['Your keys', s.total_keys], ['Keys failing or due for a test', s.keys_failing + s.keys_needing_test]].map(([label, value]) => (
                <Grid key={label as string} size={{ xs: 6, md: 3 }}>
                  <Card variant="outlined"><CardContent>
                    <Typography variant="body2" color="text.secondary" component="h2">{label}</Typography>
                    <Typography variant="h5" component="p">{count(value as number)}</Typography>
                  </CardContent></Card>
                </Grid>
              ))}
            </Grid>
          )}
        </Show>
      )}
      <Show state={providers} what="the providers">
        {(data) => (
          <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Provider health (scrolls sideways)">
            <Table size="small" aria-label="Provider health">
              <TableHead>
                <TableRow>
                  <TableCell>Provider</TableCell><TableCell>Circuit / health</TableCell><TableCell align="right">Success rate</TableCell>
                  <TableCell align="right">p50</TableCell><TableCell align="right">p95</TableCell><TableCell>Last probe</TableCell><TableCell>Kind</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.providers.map((p) => {
                  const chip = statusChip(p);
                  return (
                    <TableRow key={p.id} data-provider={p.id}>
                      <TableCell sx={{ fontWeight: 600 }}>{p.name} <Typography component="span" variant="body2" color="text.secondary">({p.id})</Typography></TableCell>
                      <TableCell><Chip size="small" label={chip.label} color={chip.color} variant={chip.color === 'default' ? 'outlined' : 'filled'} /></TableCell>
                      <TableCell align="right">{p.health.success_rate !== undefined ? `${(p.health.success_rate * 100).toFixed(1)} %` : '—'}</TableCell>
                      <TableCell align="right">{p.health.p50_ms !== undefined ? `${p.health.p50_ms} ms` : '—'}</TableCell>
                      <TableCell align="right">{p.health.p95_ms !== undefined ? `${p.health.p95_ms} ms` : '—'}</TableCell>
                      <TableCell>{p.health.last_probe ? ago(p.health.last_probe) : '—'}</TableCell>
                      <TableCell>{p.local ? 'local' : p.type}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Show>
    </>
  );
}
