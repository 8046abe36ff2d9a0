import { Box, Button, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { request } from '../api/client';
import type { AuditPage } from '../api/types';
import { dateTime } from '../format';
import { Empty, PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

/** The audit log (/admin/audit): who changed what, when and from where — the admin's whole log, an account its own. */
export function Audit() {
  const session = useSignedIn();
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const state = useLoad(() => {
    const params = new URLSearchParams({ limit: '50' });
    if (filter) params.set('action', filter);
    if (cursor) params.set('cursor', cursor);
    return request<AuditPage>(session.credential, 'GET', `/api/v1/audit?${params}`);
  }, [filter, cursor]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setCursor(null);
    setFilter(action.trim());
  }

  return (
    <>
      <PageTitle title="Audit log" subtitle={session.role === 'admin' ? 'Every audited change, newest first.' : 'Changes to your account, newest first.'} />
      <Box component="form" onSubmit={apply} sx={{ mb: 2 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <TextField size="small" label="Actions (comma-separated)" placeholder="provider_key.added" value={action}
            onChange={(e) => setAction(e.target.value)} sx={{ minWidth: 280 }} />
          <Button type="submit" variant="outlined">Filter</Button>
        </Stack>
      </Box>
      <Show state={state} what="the audit log">
        {(page) => page.data.length === 0 ? <Empty>No entries.</Empty> : (
          <>
            <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Audit entries (scrolls sideways)">
              <Table size="small" aria-label="Audit entries">
                <TableHead>
                  <TableRow><TableCell>When</TableCell><TableCell>Action</TableCell><TableCell>Actor</TableCell>
                    <TableCell>Target</TableCell><TableCell>Account</TableCell><TableCell>From</TableCell></TableRow>
                </TableHead>
                <TableBody>
                  {page.data.map((e) => (
                    <TableRow key={e.id}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(e.at)}</TableCell>
                      <TableCell>{e.action}</TableCell>
                      <TableCell>{e.actor}</TableCell>
                      <TableCell>{e.target ?? ''}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{e.account_id?.slice(0, 8) ?? ''}</TableCell>
                      <TableCell>{e.client_address ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            {page.next && <Button sx={{ mt: 2 }} onClick={() => setCursor(page.next)}>Older entries</Button>}
          </>
        )}
      </Show>
    </>
  );
}
