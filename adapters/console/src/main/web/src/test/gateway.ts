import { vi } from 'vitest';

/** One answer of the stand-in gateway: a status and a JSON body (or a function of the request body). */
export type Answer = { status?: number; body: unknown } | ((body: unknown, url: string) => { status?: number; body: unknown });

export interface Call { method: string; path: string; body: unknown; authorization: string | null }

/**
 * A stand-in for the gateway's HTTP API in component tests: `fetch` answers from a table keyed by
 * "METHOD /path" (query string included when the key has one), and records every call made.
 * Anything not in the table is a 404 in OpenAI's error shape, so a page calling a route it should not fails visibly.
 */
export function standInGateway(routes: Record<string, Answer>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://console.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ method, path: url.pathname + url.search, body, authorization: headers.Authorization ?? null });
    const answer = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    const resolved = typeof answer === 'function' ? answer(body, url.toString())
      : answer ?? { status: 404, body: { error: { message: `no route ${method} ${url.pathname}`, type: 'invalid_request_error', code: null } } };
    return new Response(JSON.stringify(resolved.body), { status: resolved.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  }));
  return calls;
}

export const ACCOUNT = '5b0c1f8e-2a8f-4c41-9d1e-0c6f3a9d1e11';

export function creditsView(overrides: Record<string, unknown> = {}) {
  return {
    accountId: ACCOUNT, tier: 'starter', balance: '12000.5', balanceMicroCredits: 12_000_500_000, reserved: '0',
    available: '12000.5', monthlyCap: null, monthToDate: '3', lowBalanceThreshold: '100', lowBalance: false,
    last7Days: '70', dailyBurn: '10', daysLeft: 1200, ...overrides,
  };
}

export const PROVIDERS = {
  providers: [
    { id: 'openai', name: 'OpenAI', key_format: 'starts with sk- or sk-proj-, 40 to 300 characters',
      key_pattern: 'sk-(?!ant-)[A-Za-z0-9_-]{37,297}', testable: true, custom: false },
    { id: 'groq', name: 'Groq', key_format: 'starts with gsk_, 56 characters', key_pattern: 'gsk_[A-Za-z0-9]{52}',
      testable: true, custom: false },
  ],
};

export const CATALOG = {
  catalog_version: 3,
  models: [
    { id: 'cheap', provider: 'sim-a', upstream_model: 'cheap', input_per1k: 100_000, output_per1k: 200_000,
      context_tokens: 8192, default_max_output_tokens: 512, min_tier: 'free', capabilities: ['chat'], quality: 60, use_cases: ['chat'] },
    { id: 'best', provider: 'sim-b', upstream_model: 'best', input_per1k: 1_000_000, output_per1k: 2_000_000,
      context_tokens: 128000, default_max_output_tokens: 512, min_tier: 'free', capabilities: ['chat'], quality: 90, use_cases: ['chat', 'code'] },
    { id: 'pro-only', provider: 'sim-b', upstream_model: 'pro', input_per1k: 3_000_000, output_per1k: 6_000_000,
      context_tokens: 200000, default_max_output_tokens: 512, min_tier: 'professional', capabilities: ['chat'], quality: 99, use_cases: ['long-context'] },
  ],
};

export const CATALOG_PROVIDERS = {
  catalog_version: 3,
  providers: [
    { id: 'sim-a', name: 'Simulator A', type: 'openai', local: false, connected: true, health: { status: 'up', success_rate: 1, p50_ms: 5, p95_ms: 40, samples: 3 } },
    { id: 'sim-b', name: 'Simulator B', type: 'openai', local: false, connected: true, health: { status: 'up', success_rate: 0.98, p50_ms: 9, p95_ms: 20, samples: 3 } },
  ],
};
