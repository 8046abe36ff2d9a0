import {
  Alert, AlertTitle, Box, Button, Card, CardActions, CardContent, Chip, Grid, InputAdornment, Stack, Table, TableBody,
  TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { messageOf, request } from '../api/client';
import type { CheckoutStarted, Credits as CreditsView, History, Packages, Transaction } from '../api/types';
import { credits, dateTime } from '../format';
import { Empty, PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

/** Where the browser goes for Stripe Checkout; a seam for tests (jsdom cannot navigate). */
export const navigation = { assign: (url: string) => window.location.assign(url) };

const TYPE_LABELS: Record<Transaction['type'], string> = {
  grant: 'Grant', purchase: 'Purchase', refund: 'Refund', usage: 'Usage', payment_failed: 'Payment failed',
  low_balance: 'Low balance', monthly_cap_set: 'Monthly cap set',
};

/** Credits (/admin/subscription/credits): balance, packages and Stripe Checkout, history, projection, cap. */
export function Credits() {
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const success = params.get('success') === 'true';
  const canceled = params.get('canceled') === 'true';
  const checkoutSession = params.get('session_id');
  const balance = useLoad(() => request<CreditsView>(session.credential, 'GET', '/api/v1/llm/credits'));
  const packages = useLoad(() => request<Packages>(session.credential, 'GET', '/api/v1/llm/credits/packages'));
  const history = useLoad(() => request<History>(session.credential, 'GET', '/api/v1/llm/credits/history?size=50'));
  const [buying, setBuying] = useState<string | null>(null);
  const [buyError, setBuyError] = useState<string | null>(null);
  const [custom, setCustom] = useState('');
  const purchased = history.data?.transactions.find((t) => t.type === 'purchase'
    && (!checkoutSession || (t as Transaction & { stripe_checkout_session?: string }).stripe_checkout_session === checkoutSession));

  // Back from Checkout: Stripe's webhook may reach the gateway a moment after the buyer; look again a few times.
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!success || purchased || polls >= 10 || history.loading) return;
    const timer = window.setTimeout(() => { setPolls((p) => p + 1); history.reload(); balance.reload(); }, 1000);
    return () => window.clearTimeout(timer);
  }, [success, purchased, polls, history, balance]);

  async function buy(body: { package: string } | { amount_usd: number }, key: string) {
    setBuying(key);
    setBuyError(null);
    try {
      const started = await request<CheckoutStarted>(session.credential, 'POST', '/api/v1/llm/credits/purchase', body);
      navigation.assign(started.checkout_url);
    } catch (e) {
      setBuyError(messageOf(e));
      setBuying(null);
    }
  }

  function buyCustom(event: FormEvent) {
    event.preventDefault();
    const dollars = Number(custom);
    if (!Number.isInteger(dollars) || dollars <= 0) {
      setBuyError('Enter a whole number of US dollars.');
      return;
    }
    buy({ amount_usd: dollars }, 'custom');
  }

  return (
    <>
      <PageTitle title="Credits" subtitle="Prepaid credits: 1,000 credits = $1. Every charge is exact and shown below." />
      {success && (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setParams({})}>
          <AlertTitle>Success!</AlertTitle>
          {purchased ? `${credits(purchased.amount, 0)} credits added.` : 'Payment received — your credits appear as soon as Stripe confirms it.'}
        </Alert>
      )}
      {canceled && <Alert severity="info" sx={{ mb: 2 }} onClose={() => setParams({})}>The checkout was canceled; nothing was charged.</Alert>}
      <Show state={balance} what="your balance">
        {(b) => (
          <Stack spacing={2} sx={{ mb: 3 }}>
            {b.lowBalance && (
              <Alert severity="warning" role="alert"
                action={<Button color="inherit" href="#packages" variant="outlined">Buy more credits</Button>}>
                Low balance: {credits(b.balance)} credits remaining (threshold {credits(b.lowBalanceThreshold)}).
              </Alert>
            )}
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, md: 5 }}>
                <Card variant="outlined" component="section" aria-labelledby="balance-title" sx={{ height: '100%' }}>
                  <CardContent>
                    <Typography id="balance-title" variant="overline" component="h2">Balance</Typography>
                    <Typography data-testid="balance" sx={{ fontSize: { xs: '2.4rem', sm: '3rem' }, fontWeight: 700, lineHeight: 1.1 }}>
                      {credits(b.balance)}
                    </Typography>
                    <Typography color="text.secondary">credits · ≈ ${(Number(b.balance) / 1000).toFixed(2)}</Typography>
                    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                      Available {credits(b.available)} · on hold {credits(b.reserved)}
                    </Typography>
                  </CardContent>
                </Card>
              </Grid>
              <Grid size={{ xs: 12, md: 7 }}>
                <Card variant="outlined" component="section" aria-labelledby="outlook-title" sx={{ height: '100%' }}>
                  <CardContent>
                    <Typography id="outlook-title" variant="overline" component="h2">Outlook</Typography>
                    <Typography variant="h6" component="p" data-testid="projection">
                      {b.daysLeft === null ? 'No usage in the last 7 days' : `Credits will last ~${Math.round(Number(b.daysLeft)).toLocaleString('en-US')} days`}
                    </Typography>
                    <Typography variant="body2" color="text.secondary">
                      Last 7 days: {credits(b.last7Days)} credits · {credits(b.dailyBurn)} a day
                    </Typography>
                    <MonthlyCap view={b} onSaved={balance.reload} />
                  </CardContent>
                </Card>
              </Grid>
            </Grid>
          </Stack>
        )}
      </Show>
      <Typography variant="h5" component="h2" id="packages" sx={{ mb: 2 }}>Buy credits</Typography>
      {buyError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{buyError}</Alert>}
      <Show state={packages} what="the credit packages">
        {(p) => (
          <Grid container spacing={2} sx={{ mb: 4 }}>
            {p.packages.map((pack) => (
              <Grid key={pack.code} size={{ xs: 12, sm: 6, lg: 3 }}>
                <Card variant="outlined" component="section" aria-label={`$${pack.price_usd} package`} sx={{ height: '100%' }}>
                  <CardContent>
                    <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
                      <Typography variant="h5" component="h3">${Number(pack.price_usd).toFixed(0)}</Typography>
                      {pack.bonus_percent > 0 && <Chip size="small" color="success" label={`${pack.bonus_percent}% bonus`} />}
                    </Stack>
                    <Typography>{credits(pack.credits, 0)} credits</Typography>
                  </CardContent>
                  <CardActions>
                    <Button variant="contained" disabled={buying !== null} onClick={() => buy({ package: pack.code }, pack.code)}
                      aria-label={`Purchase ${credits(pack.credits, 0)} credits for $${Number(pack.price_usd).toFixed(0)}`}>
                      {buying === pack.code ? 'Opening checkout…' : 'Purchase'}
                    </Button>
                  </CardActions>
                </Card>
              </Grid>
            ))}
            <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
              <Card variant="outlined" component="section" aria-label="Custom amount" sx={{ height: '100%' }}>
                <Box component="form" onSubmit={buyCustom} noValidate>
                  <CardContent>
                    <Typography variant="h5" component="h3">Custom</Typography>
                    <TextField label="Amount in US dollars" value={custom} onChange={(e) => setCustom(e.target.value)}
                      size="small" sx={{ mt: 1 }} fullWidth
                      helperText={`$${p.custom.min_usd} to $${p.custom.max_usd.toLocaleString('en-US')} · ${p.custom.credits_per_usd.toLocaleString('en-US')} credits per $`}
                      slotProps={{ input: { startAdornment: <InputAdornment position="start">$</InputAdornment> },
                        htmlInput: { inputMode: 'numeric' } }} />
                  </CardContent>
                  <CardActions>
                    <Button type="submit" variant="contained" disabled={buying !== null}>
                      {buying === 'custom' ? 'Opening checkout…' : 'Purchase'}
                    </Button>
                  </CardActions>
                </Box>
              </Card>
            </Grid>
          </Grid>
        )}
      </Show>
      <Typography variant="h5" component="h2" sx={{ mb: 2 }}>Transaction history</Typography>
      <Show state={history} what="the transaction history">
        {(h) => h.transactions.length === 0 ? <Empty>No transactions yet.</Empty> : (
          <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Transaction history (scrolls sideways)">
            <Table size="small" aria-label="Transaction history">
              <TableHead>
                <TableRow>
                  <TableCell>When</TableCell><TableCell>What</TableCell><TableCell>Details</TableCell>
                  <TableCell align="right">Credits</TableCell><TableCell align="right">Balance after</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {h.transactions.map((t) => (
                  <TableRow key={t.sequence}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(t.at)}</TableCell>
                    <TableCell>{TYPE_LABELS[t.type] ?? t.type}</TableCell>
                    <TableCell>{details(t)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{t.amount !== undefined ? credits(t.amount) : ''}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{t.balance_after !== undefined ? credits(t.balance_after) : ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Show>
    </>
  );
}

function details(t: Transaction): string {
  switch (t.type) {
    case 'usage': return `${t.model ?? ''} (${t.provider ?? ''})${t.byok ? ' · own key' : ''}`;
    case 'purchase': return t.package ?? 'custom amount';
    case 'grant': case 'refund': return t.reason ?? '';
    case 'payment_failed': return t.message ?? '';
    case 'monthly_cap_set': return t.monthly_cap ? `cap ${credits(t.monthly_cap)}` : 'cap removed';
    default: return '';
  }
}

function MonthlyCap({ view, onSaved }: { view: CreditsView; onSaved: () => void }) {
  const session = useSignedIn();
  const [value, setValue] = useState(view.monthlyCap ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request(session.credential, 'PUT', '/api/v1/llm/credits/cap', { monthly_cap: value.trim() === '' ? null : value.trim() });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box component="form" onSubmit={save} noValidate sx={{ mt: 2 }}>
      <Typography variant="body2">
        This month: {credits(view.monthToDate)} credits spent{view.monthlyCap ? ` of a ${credits(view.monthlyCap)} cap` : ' (no cap)'}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
        <TextField size="small" label="Monthly cap (credits)" value={value} onChange={(e) => setValue(e.target.value)}
          helperText="Empty: no cap" error={error !== null} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
        <Button type="submit" variant="outlined" disabled={busy} sx={{ alignSelf: { sm: 'flex-start' } }}>Save cap</Button>
      </Stack>
      {error && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{error}</Alert>}
    </Box>
  );
}
