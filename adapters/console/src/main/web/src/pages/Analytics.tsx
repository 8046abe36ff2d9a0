import { Alert, Box, Button, Card, CardContent, Grid, Stack, TextField, Typography, useTheme } from '@mui/material';
import {
  ArcElement, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Bar, Doughnut, Line } from 'react-chartjs-2';
import { usage, usageBreakdown, type UsageRow } from '../api/graphql';
import { messageOf } from '../api/client';
import { count, credits } from '../format';
import { Empty, PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

ChartJS.register(ArcElement, BarElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend);

const PALETTE = ['#1565c0', '#2e7d32', '#b45309', '#6a1b9a', '#c62828', '#00838f', '#4e342e', '#37474f'];

export interface Daily { day: string; requests: number; tokens: number; charged: number }

/** The rows per UTC day over the last `days` days (days without requests are zero). */
export function perDay(rows: UsageRow[], to: Date, days: number): Daily[] {
  const buckets = new Map<string, Daily>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(to.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    buckets.set(day, { day, requests: 0, tokens: 0, charged: 0 });
  }
  for (const row of rows) {
    const bucket = buckets.get(row.chargedAt.slice(0, 10));
    if (bucket) {
      bucket.requests += 1;
      bucket.tokens += row.inputTokens + row.outputTokens;
      bucket.charged += row.chargedMicroCredits / 1_000_000;
    }
  }
  return [...buckets.values()];
}

function countBy(rows: UsageRow[], key: (r: UsageRow) => string): [string, number][] {
  const counts = new Map<string, number>();
  rows.forEach((r) => counts.set(key(r), (counts.get(key(r)) ?? 0) + 1));
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** The rows as CSV (RFC 4180 quoting), for the export button. */
export function toCsv(rows: UsageRow[]): string {
  const header = ['request_id', 'charged_at', 'model', 'provider', 'input_tokens', 'output_tokens', 'usage_estimated', 'byok', 'cost', 'charged'];
  const quote = (v: unknown) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => [r.requestId, r.chargedAt, r.model, r.provider, r.inputTokens, r.outputTokens,
    r.usageEstimated, r.byok, r.cost, r.charged].map(quote).join(','))].join('\r\n') + '\r\n';
}

function ChartCard({ title, summary, children }: { title: string; summary: string; children: (label: string) => ReactNode }) {
  const id = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={id} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={id} gutterBottom>{title}</Typography>
        <Box sx={{ position: 'relative', height: 240 }}>{children(`${title}: ${summary}`)}</Box>
      </CardContent>
    </Card>
  );
}

/** Usage analytics (/admin/llm/analytics): per-day series, provider and model shares, BYOK vs platform, CSV export. */
export function Analytics() {
  const session = useSignedIn();
  const theme = useTheme();
  // axis and legend text in the theme's secondary text colour (readable on the dark theme too)
  ChartJS.defaults.color = theme.palette.text.secondary;
  ChartJS.defaults.borderColor = theme.palette.divider;
  const [days] = useState(30);
  const [accountInput, setAccountInput] = useState('');
  const [account, setAccount] = useState<string | null>(session.accountId);
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const report = useLoad(() => account ? usage(session.credential, account, from.toISOString(), to.toISOString())
    : Promise.resolve(null), [account]);
  const levels = useLoad(() => usageBreakdown(session.credential, account, from.toISOString(), to.toISOString(), 'POWER_LEVEL'), [account]);
  const [exportError, setExportError] = useState<string | null>(null);

  function exportCsv(rows: UsageRow[]) {
    try {
      const blob = new Blob([toCsv(rows)], { type: 'text/csv' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `switchgear-usage-${to.toISOString().slice(0, 10)}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setExportError(messageOf(e));
    }
  }

  function pick(event: FormEvent) {
    event.preventDefault();
    setAccount(accountInput.trim() || null);
  }

  return (
    <>
      <PageTitle title="Usage analytics" subtitle={`The last ${days} days of charged requests.`} />
      {session.role === 'admin' && (
        <Box component="form" onSubmit={pick} sx={{ mb: 2, display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <TextField size="small" label="Account id" value={accountInput} onChange={(e) => setAccountInput(e.target.value)} sx={{ minWidth: 320 }} />
          <Button type="submit" variant="outlined">Show</Button>
        </Box>
      )}
      {exportError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{exportError}</Alert>}
      <Show state={report} what="usage">
        {(r) => {
          if (!r) return <Empty>Name an account to see its usage.</Empty>;
          const daily = perDay(r.rows, to, days);
          const providers = countBy(r.rows, (x) => x.provider);
          const models = countBy(r.rows, (x) => x.model);
          const own = r.rows.filter((x) => x.byok).length;
          return (
            <Stack spacing={2}>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}>
                <Typography data-testid="usage-totals">
                  {count(r.totals.requests)} requests · {count(r.totals.inputTokens + r.totals.outputTokens)} tokens · {credits(r.totals.charged)} credits
                  {r.truncated ? ' (the newest rows shown)' : ''}
                </Typography>
                <Button variant="contained" onClick={() => exportCsv(r.rows)} disabled={r.rows.length === 0}>Export CSV</Button>
              </Stack>
              {r.rows.length === 0 ? <Empty>No requests in the last {days} days.</Empty> : (
                <Grid container spacing={2}>
                  <Grid size={{ xs: 12, lg: 4 }}>
                    <ChartCard title="Requests per day" summary={`${r.totals.requests} requests in ${days} days`}>
                      {(label) => <Bar aria-label={label} role="img" data={{ labels: daily.map((d) => d.day.slice(5)), datasets: [{ label: 'Requests', data: daily.map((d) => d.requests), backgroundColor: PALETTE[0] }] }}
                        options={{ maintainAspectRatio: false, plugins: { legend: { display: false } } }} />
                    }</ChartCard>
                  </Grid>
                  <Grid size={{ xs: 12, lg: 4 }}>
                    <ChartCard title="Tokens per day" summary={`${r.totals.inputTokens + r.totals.outputTokens} tokens`}>
                      {(label) => <Line aria-label={label} role="img" data={{ labels: daily.map((d) => d.day.slice(5)), datasets: [{ label: 'Tokens', data: daily.map((d) => d.tokens), borderColor: PALETTE[1], backgroundColor: PALETTE[1] }] }}
                        options={{ maintainAspectRatio: false, plugins: { legend: { display: false } } }} />
                    }</ChartCard>
                  </Grid>
                  <Grid size={{ xs: 12, lg: 4 }}>
                    <ChartCard title="Cost per day" summary={`${r.totals.charged} credits charged`}>
                      {(label) => <Line aria-label={label} role="img" data={{ labels: daily.map((d) => d.day.slice(5)), datasets: [{ label: 'Credits', data: daily.map((d) => d.charged), borderColor: PALETTE[2], backgroundColor: PALETTE[2] }] }}
                        options={{ maintainAspectRatio: false, plugins: { legend: { display: false } } }} />
                    }</ChartCard>
                  </Grid>
                  <Grid size={{ xs: 12, md: 6, lg: 4 }}>
                    <ChartCard title="Providers" summary={providers.map(([k, v]) => `${k} ${v}`).join(', ')}>
                      {(label) => <Doughnut aria-label={label} role="img" data={{ labels: providers.map(([k]) => k), datasets: [{ data: providers.map(([, v]) => v), backgroundColor: PALETTE }] }}
                        options={{ maintainAspectRatio: false }} />
                    }</ChartCard>
                  </Grid>
                  <Grid size={{ xs: 12, md: 6, lg: 4 }}>
                    <ChartCard title="Models" summary={models.map(([k, v]) => `${k} ${v}`).join(', ')}>
                      {(label) => <Bar aria-label={label} role="img" data={{ labels: models.map(([k]) => k), datasets: [{ label: 'Requests', data: models.map(([, v]) => v), backgroundColor: PALETTE[3] }] }}
                        options={{ maintainAspectRatio: false, indexAxis: 'y', plugins: { legend: { display: false } } }} />
                    }</ChartCard>
                  </Grid>
                  <Grid size={{ xs: 12, md: 6, lg: 4 }}>
                    <ChartCard title="Own keys vs platform" summary={`${own} on your own keys, ${r.rows.length - own} on the platform's`}>
                      {(label) => <Doughnut aria-label={label} role="img" data={{ labels: ['Own keys (BYOK)', 'Platform'], datasets: [{ data: [own, r.rows.length - own], backgroundColor: [PALETTE[1], PALETTE[0]] }] }}
                        options={{ maintainAspectRatio: false }} />
                    }</ChartCard>
                  </Grid>
                </Grid>
              )}
            </Stack>
          );
        }}
      </Show>
      <Card variant="outlined" component="section" aria-labelledby="levels-title" sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2" id="levels-title">Power-level distribution</Typography>
          <Show state={levels} what="the power-level distribution">
            {(slices) => slices.length === 0 ? <Empty>No requests in the range.</Empty> : (
              <Box sx={{ position: 'relative', height: 220 }}>
                <Doughnut aria-label={`Power levels: ${slices.map((s) => `${s.key} ${s.requests}`).join(', ')}`} role="img" data={{ labels: slices.map((s) => s.key), datasets: [{ data: slices.map((s) => s.requests), backgroundColor: PALETTE }] }}
                  options={{ maintainAspectRatio: false }} />
              </Box>
            )}
          </Show>
        </CardContent>
      </Card>
    </>
  );
}
