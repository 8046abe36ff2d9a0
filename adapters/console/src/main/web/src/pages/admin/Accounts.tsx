import {
  Alert, Box, Button, Card, CardContent, FormControl, Grid, InputLabel, MenuItem, Select, Stack, TextField, Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { messageOf, request } from '../../api/client';
import { TIERS, type Tier } from '../../api/types';
import { credits } from '../../format';
import { PageTitle } from '../../components/states';
import { useSignedIn } from '../../session';

type Outcome = { severity: 'success' | 'error'; text: string; secret?: string } | null;

/** Accounts and credit grants (/admin/accounts): open an account, issue it a key, grant or refund credits. */
export function Accounts() {
  const session = useSignedIn();
  const [name, setName] = useState('');
  const [tier, setTier] = useState<Tier>('starter');
  const [account, setAccount] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function run(action: () => Promise<Outcome>) {
    setOutcome(null);
    try {
      setOutcome(await action());
    } catch (e) {
      setOutcome({ severity: 'error', text: messageOf(e) });
    }
  }

  const open = (event: FormEvent) => { event.preventDefault(); run(async () => {
    const opened = await request<{ accountId: string }>(session.credential, 'POST', '/api/v1/admin/accounts', { name, tier });
    setAccount(opened.accountId);
    return { severity: 'success', text: `Opened ${name} (${tier}): ${opened.accountId}` };
  }); };
  const issue = () => run(async () => {
    const key = await request<{ keyId: string; key: string }>(session.credential, 'POST',
      `/api/v1/admin/accounts/${encodeURIComponent(account)}/api-keys`);
    return { severity: 'success', text: 'A new key for the account, shown once — copy it now:', secret: key.key };
  });
  const move = (kind: 'credits' | 'refunds') => run(async () => {
    const result = await request<{ balance: string }>(session.credential, 'POST',
      `/api/v1/admin/accounts/${encodeURIComponent(account)}/${kind}`, { credits: amount, reason: reason || kind });
    return { severity: 'success', text: `${kind === 'credits' ? 'Granted' : 'Refunded'} ${amount} credits; balance ${credits(result.balance)}.` };
  });

  return (
    <>
      <PageTitle title="Accounts and grants" subtitle="Open accounts, issue their keys, grant or take back credits." />
      {outcome && (
        <Alert severity={outcome.severity} role={outcome.severity === 'error' ? 'alert' : 'status'} sx={{ mb: 2 }} onClose={() => setOutcome(null)}>
          {outcome.text}
          {outcome.secret && <Box component="code" sx={{ display: 'block', mt: 1, wordBreak: 'break-all' }}>{outcome.secret}</Box>}
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined" component="section" aria-labelledby="open-title"><CardContent>
            <Typography variant="h6" component="h2" id="open-title" gutterBottom>Open an account</Typography>
            <Box component="form" onSubmit={open}>
              <Stack spacing={2}>
                <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required size="small" />
                <FormControl size="small">
                  <InputLabel id="tier-label">Tier</InputLabel>
                  <Select labelId="tier-label" label="Tier" value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
                    {TIERS.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
                  </Select>
                </FormControl>
                <Button type="submit" variant="contained" disabled={!name.trim()}>Open account</Button>
              </Stack>
            </Box>
          </CardContent></Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined" component="section" aria-labelledby="grant-title"><CardContent>
            <Typography variant="h6" component="h2" id="grant-title" gutterBottom>An account's keys and credits</Typography>
            <Stack spacing={2}>
              <TextField label="Account id" value={account} onChange={(e) => setAccount(e.target.value)} size="small" />
              <Button variant="outlined" onClick={issue} disabled={!account.trim()}>Issue an API key</Button>
              <TextField label="Credits" value={amount} onChange={(e) => setAmount(e.target.value)} size="small"
                slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
              <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} size="small" />
              <Stack direction="row" spacing={1}>
                <Button variant="contained" onClick={() => move('credits')} disabled={!account.trim() || !amount.trim()}>Grant</Button>
                <Button color="error" variant="outlined" onClick={() => move('refunds')} disabled={!account.trim() || !amount.trim()}>Refund</Button>
              </Stack>
            </Stack>
          </CardContent></Card>
        </Grid>
      </Grid>
    </>
  );
}
