import { Alert, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { messageOf, request } from '../../api/client';
import { PageTitle, Show, useLoad } from '../../components/states';
import { useSignedIn } from '../../session';

interface MasterKeyStatus {
  source: string;
  primary_version: number;
  versions: number[];
  data_keys_by_version: Record<string, number>;
  rotatable: boolean;
}

/** Master-key rotation (/admin/master-key): the keyset's versions and a rotation that rewraps every data key. */
export function MasterKey() {
  const session = useSignedIn();
  const state = useLoad(() => request<MasterKeyStatus>(session.credential, 'GET', '/api/v1/admin/master-key'));
  const [confirm, setConfirm] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function rotate() {
    setConfirm(false);
    setOutcome(null);
    try {
      const r = await request<{ primary_version: number; data_keys_rewrapped: number }>(session.credential, 'POST', '/api/v1/admin/master-key/rotate');
      setOutcome({ ok: true, text: `Rotated: version ${r.primary_version} is primary; ${r.data_keys_rewrapped} data keys rewrapped.` });
      state.reload();
    } catch (e) {
      setOutcome({ ok: false, text: messageOf(e) });
    }
  }

  return (
    <>
      <PageTitle title="Master key" subtitle="The keyset that encrypts every stored provider key's data key." />
      {outcome && <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'} sx={{ mb: 2 }}>{outcome.text}</Alert>}
      <Show state={state} what="the master key">
        {(m) => (
          <Card variant="outlined"><CardContent>
            <Typography>Source: {m.source}</Typography>
            <Typography>Primary version: {m.primary_version} (versions {m.versions.join(', ')})</Typography>
            <Typography>Data keys by version: {Object.entries(m.data_keys_by_version).map(([v, n]) => `v${v}: ${n}`).join(', ') || 'none'}</Typography>
            <Button variant="contained" color="warning" sx={{ mt: 2 }} disabled={!m.rotatable} onClick={() => setConfirm(true)}>Rotate the master key</Button>
            {!m.rotatable && <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>A keyset given inline cannot be rotated here.</Typography>}
          </CardContent></Card>
        )}
      </Show>
      <Dialog open={confirm} onClose={() => setConfirm(false)} aria-labelledby="rotate-title">
        <DialogTitle id="rotate-title">Rotate the master key?</DialogTitle>
        <DialogContent><DialogContentText>A new version becomes primary, every data key is rewrapped, and the old version is retired.</DialogContentText></DialogContent>
        <DialogActions><Button onClick={() => setConfirm(false)}>Cancel</Button><Button variant="contained" onClick={rotate}>Rotate</Button></DialogActions>
      </Dialog>
    </>
  );
}
