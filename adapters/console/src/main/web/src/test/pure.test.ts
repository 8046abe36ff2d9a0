import { describe, expect, it } from 'vitest';
import { keyFormatProblem } from '../keyFormat';
import { estimate } from '../estimate';
import { query } from '../pages/Models';
import { perDay, toCsv } from '../pages/Analytics';
import type { CatalogModel, CatalogProvider } from '../api/types';
import type { UsageRow } from '../api/graphql';
import { CATALOG, CATALOG_PROVIDERS, PROVIDERS } from './gateway';

const models = CATALOG.models as CatalogModel[];
const providers = CATALOG_PROVIDERS.providers as CatalogProvider[];

describe('the client-side key format check', () => {
  const openai = PROVIDERS.providers[0];
  it('accepts a key of the provider\'s published pattern, matched whole', () => {
    expect(keyFormatProblem(openai, `sk-proj-${'a'.repeat(40)}`)).toBeNull();
  });
  it('refuses a key of another provider, naming the expected format', () => {
    expect(keyFormatProblem(openai, `sk-ant-${'a'.repeat(60)}`)).toContain('starts with sk- or sk-proj-');
    expect(keyFormatProblem(openai, `gsk_${'a'.repeat(52)}`)).toContain('does not look like a OpenAI key');
  });
  it('refuses a key with extra characters around a matching part (anchored)', () => {
    expect(keyFormatProblem(PROVIDERS.providers[1], ` gsk_${'a'.repeat(52)}`)).not.toBeNull();
    expect(keyFormatProblem(PROVIDERS.providers[1], `gsk_${'a'.repeat(52)}x`)).not.toBeNull();
  });
});

describe('the power levels\' estimate', () => {
  const starter = new Set(['cheap', 'best']);
  it('picks the cheapest model for eco and the best for precision, each at its multiplier', () => {
    const eco = estimate('eco', models, starter, providers);
    const precision = estimate('precision', models, starter, providers);
    expect(eco.model?.id).toBe('cheap');
    // 1,000 × 0.1 + 500 × 0.2 credits per 1K = 0.2 credits, × 0.1
    expect(eco.credits).toBeCloseTo(0.02, 10);
    expect(precision.model?.id).toBe('best');
    expect(precision.credits).toBeCloseTo(2, 10);
  });
  it('leaves out what the caller may not use, a provider that is down and models under the floor', () => {
    expect(estimate('precision', models, new Set(['cheap', 'best', 'pro-only']), providers).model?.id).toBe('pro-only');
    expect(estimate('precision', models, starter, providers).model?.id).toBe('best');
    const down = providers.map((p) => (p.id === 'sim-a' ? { ...p, health: { status: 'down' } } : p));
    expect(estimate('eco', models, starter, down).model?.id).toBe('best');
    expect(estimate('eco', models, starter, providers, { eco: 70 }).model?.id).toBe('best');
    expect(estimate('eco', models, starter, providers, { eco: 100 }).model).toBeNull();
  });
});

describe('the catalog\'s search, filters and sort', () => {
  const base = { text: '', provider: '', tier: '', useCase: '', sort: 'cost' as const };
  it('sorts by cost, by latency and by popularity', () => {
    expect(query(models, providers, base, null).map((m) => m.id)).toEqual(['cheap', 'best', 'pro-only']);
    expect(query(models, providers, { ...base, sort: 'latency' }, null).map((m) => m.id)).toEqual(['best', 'pro-only', 'cheap']);
    expect(query(models, providers, { ...base, sort: 'popularity' }, new Map([['best', 5], ['cheap', 9]])).map((m) => m.id))
      .toEqual(['cheap', 'best', 'pro-only']);
  });
  it('filters by text, provider, tier and use case', () => {
    expect(query(models, providers, { ...base, text: 'PRO' }, null).map((m) => m.id)).toEqual(['pro-only']);
    expect(query(models, providers, { ...base, provider: 'sim-b' }, null).map((m) => m.id)).toEqual(['best', 'pro-only']);
    expect(query(models, providers, { ...base, tier: 'professional' }, null).map((m) => m.id)).toEqual(['pro-only']);
    expect(query(models, providers, { ...base, useCase: 'code' }, null).map((m) => m.id)).toEqual(['best']);
  });
});

describe('analytics', () => {
  const row = (id: string, at: string, model = 'cheap'): UsageRow => ({ requestId: id, model, provider: 'sim-a', inputTokens: 10,
    outputTokens: 5, usageEstimated: false, byok: false, cost: '0.5', charged: '0.5', chargedMicroCredits: 500_000, chargedAt: at });
  it('buckets requests, tokens and credits per UTC day, empty days included', () => {
    const days = perDay([row('a', '2026-12-02T10:00:00Z'), row('b', '2026-12-02T23:59:59Z'), row('c', '2026-11-30T01:00:00Z')],
      new Date('2026-12-02T12:00:00Z'), 3);
    expect(days).toEqual([
      { day: '2026-11-30', requests: 1, tokens: 15, charged: 0.5 },
      { day: '2026-12-01', requests: 0, tokens: 0, charged: 0 },
      { day: '2026-12-02', requests: 2, tokens: 30, charged: 1 },
    ]);
  });
  it('exports rows as CSV, quoting what needs quoting', () => {
    const csv = toCsv([row('r-1', '2026-12-02T10:00:00Z', 'model,"quoted"')]);
    expect(csv.split('\r\n')[0]).toBe('request_id,charged_at,model,provider,input_tokens,output_tokens,usage_estimated,byok,cost,charged');
    expect(csv.split('\r\n')[1]).toBe('r-1,2026-12-02T10:00:00Z,"model,""quoted""",sim-a,10,5,false,false,0.5,0.5');
  });
});
