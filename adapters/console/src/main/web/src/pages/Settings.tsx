import {
  Alert, Box, Card, CardContent, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Stack, Switch,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { messageOf, request } from '../api/client';
import type { CatalogModel, CatalogProvider, PowerLevel, RoutingRules } from '../api/types';
import { credits } from '../format';
import { estimate, LEVELS, TYPICAL } from '../estimate';
import { PageTitle, Show, useLoad } from '../components/states';
import { useSignedIn } from '../session';

interface SettingsData {
  level: PowerLevel;
  preferByok: boolean;
  models: CatalogModel[];
  providers: CatalogProvider[];
  available: Set<string>;
  floors: RoutingRules['quality_floors'] | undefined;
}

/** Account settings (/admin/account/settings): the power level with a live cost estimate, and the BYOK preference. */
export function Settings() {
  const session = useSignedIn();
  const account = encodeURIComponent(session.accountId ?? '');
  const state = useLoad<SettingsData>(async () => {
    const [level, byok, models, providers, rules, available] = await Promise.all([
      request<{ power_level: PowerLevel }>(session.credential, 'GET', `/api/v1/llm/users/${account}/power-level`),
      request<{ prefer_byok: boolean }>(session.credential, 'GET', `/api/v1/llm/users/${account}/byok`),
      request<{ models: CatalogModel[] }>(session.credential, 'GET', '/api/v1/llm/catalog/models'),
      request<{ providers: CatalogProvider[] }>(session.credential, 'GET', '/api/v1/llm/providers'),
      request<RoutingRules>(session.credential, 'GET', '/api/v1/llm/routing/rules').catch(() => undefined),
      request<{ data: { id: string }[] }>(session.credential, 'GET', '/v1/models'),
    ]);
    return { level: level.power_level, preferByok: byok.prefer_byok, models: models.models,
      providers: providers.providers, floors: rules?.quality_floors, available: new Set(available.data.map((m) => m.id)) };
  });
  const [chosen, setChosen] = useState<PowerLevel | null>(null);
  const [preferByok, setPreferByok] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(level: PowerLevel) {
    const previous = chosen;
    setChosen(level);
    setSaved(null);
    setError(null);
    try {
      const result = await request<{ power_level: PowerLevel }>(session.credential, 'PUT',
        `/api/v1/llm/users/${account}/power-level`, { power_level: level });
      setChosen(result.power_level);
      setSaved(`Saved: your requests to "auto" now use ${LEVELS.find((l) => l.id === result.power_level)?.name}.`);
    } catch (e) {
      setChosen(previous);
      setError(messageOf(e));
    }
  }

  async function toggleByok(value: boolean) {
    setPreferByok(value);
    setError(null);
    try {
      const result = await request<{ prefer_byok: boolean }>(session.credential, 'PUT', `/api/v1/llm/users/${account}/byok`,
        { prefer_byok: value });
      setPreferByok(result.prefer_byok);
    } catch (e) {
      setPreferByok(!value);
      setError(messageOf(e));
    }
  }

  return (
    <>
      <PageTitle title="Account settings" subtitle="LLM preferences: how your requests are routed and priced." />
      <Show state={state} what="your settings">
        {(data) => {
          const level = chosen ?? data.level;
          const estimates = LEVELS.map((l) => ({ ...l, ...estimate(l.id, data.models, data.available, data.providers, data.floors) }));
          const current = estimates.find((e) => e.id === level)!;
          return (
            <Stack spacing={3}>
              <Card variant="outlined" component="section" aria-labelledby="power-level-title">
                <CardContent>
                  <FormControl>
                    <FormLabel id="power-level-title" sx={{ typography: 'h6', color: 'text.primary' }}>Power level</FormLabel>
                    <RadioGroup aria-labelledby="power-level-title" value={level}
                      onChange={(e) => choose(e.target.value as PowerLevel)}>
                      {estimates.map((e) => (
                        <FormControlLabel key={e.id} value={e.id} control={<Radio />} sx={{ alignItems: 'flex-start', my: 0.5 }}
                          label={
                            <Box sx={{ pt: 1 }}>
                              <Typography component="span" sx={{ fontWeight: 600 }}>{e.name}</Typography>
                              <Typography variant="body2" color="text.secondary">{e.description}</Typography>
                              <Typography variant="body2" color="text.secondary">
                                {e.model ? `≈ ${credits(e.credits, 4)} credits a typical request (${e.model.id})` : 'No model available to you at this level right now'}
                              </Typography>
                            </Box>
                          } />
                      ))}
                    </RadioGroup>
                  </FormControl>
                  <Box role="status" aria-live="polite" data-testid="estimate"
                    sx={{ mt: 2, p: 2, borderRadius: 1, bgcolor: 'action.hover' }}>
                    <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
                      {current.model
                        ? `Estimated cost at ${current.name}: ${credits(current.credits, 4)} credits (≈ $${((current.credits ?? 0) / 1000).toFixed(6)}) for a typical request`
                        : `No model is available to you at ${current.name} right now.`}
                    </Typography>
                    <Typography variant="body2" color="text.secondary">
                      {TYPICAL.input.toLocaleString('en-US')} prompt and {TYPICAL.output.toLocaleString('en-US')} completion tokens
                      {current.model ? ` on ${current.model.id} (${current.model.provider}), from the catalog's prices` : ''}.
                    </Typography>
                  </Box>
                  {saved && <Alert severity="success" role="status" sx={{ mt: 2 }}>{saved}</Alert>}
                  {error && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{error}</Alert>}
                </CardContent>
              </Card>
              <Card variant="outlined" component="section" aria-labelledby="byok-pref-title">
                <CardContent>
                  <Typography variant="h6" component="h2" id="byok-pref-title">Your own provider keys</Typography>
                  <FormControlLabel sx={{ mt: 1 }}
                    control={<Switch checked={preferByok ?? data.preferByok} onChange={(e) => toggleByok(e.target.checked)} />}
                    label="Use my own keys when I have one for the chosen provider" />
                </CardContent>
              </Card>
            </Stack>
          );
        }}
      </Show>
    </>
  );
}
