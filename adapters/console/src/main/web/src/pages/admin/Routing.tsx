import { Alert, Box, Button, TextField } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { messageOf, request } from '../../api/client';
import type { RoutingRules } from '../../api/types';
import { PageTitle, Show, useLoad } from '../../components/states';
import { useSignedIn } from '../../session';

/** Routing rules (/admin/routing): chains, quality floors and attempts, replaced whole (PUT) or not at all. */
export function Routing() {
  const session = useSignedIn();
  const state = useLoad(() => request<RoutingRules>(session.credential, 'GET', '/api/v1/llm/routing/rules'));
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (state.data) {
      const { chains, quality_floors: floors, max_attempts: attempts } = state.data;
      setText(JSON.stringify({ chains, quality_floors: floors, max_attempts: attempts }, null, 2));
    }
  }, [state.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    try {
      let body: unknown;
      try { body = JSON.parse(text); } catch { throw new Error('The rules are not valid JSON.'); }
      const saved = await request<RoutingRules>(session.credential, 'PUT', '/api/v1/llm/routing/rules', body);
      setOutcome({ ok: true, text: `Saved; catalog version ${saved.catalog_version}.` });
      state.reload();
    } catch (e) {
      setOutcome({ ok: false, text: messageOf(e) });
    }
  }

  return (
    <>
      <PageTitle title="Routing rules" subtitle="Chains, each power level's quality floor, and how many candidates a request may try." />
      {outcome && <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'} sx={{ mb: 2 }}>{outcome.text}</Alert>}
      <Show state={state} what="the routing rules">
        {() => (
          <Box component="form" onSubmit={save}>
            <TextField label="Rules (JSON)" value={text} onChange={(e) => setText(e.target.value)} multiline minRows={12} fullWidth
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }} />
            <Button type="submit" variant="contained" sx={{ mt: 2 }}>Replace the rules</Button>
          </Box>
        )}
      </Show>
    </>
  );
}
