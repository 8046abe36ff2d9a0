import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../App';
import { navigation } from '../pages/Credits';
import type { Session } from '../session';
import { ACCOUNT, CATALOG, CATALOG_PROVIDERS, creditsView, PROVIDERS, standInGateway } from './gateway';

const KEY = 'sg-test-account-key-0123456789';

function signedIn(tier: Session['tier'] = 'starter'): Session {
  return { credential: KEY, role: 'account', via: 'key', accountId: ACCOUNT, tier };
}

function at(path: string) {
  window.history.pushState({}, '', path);
}

beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('sign-in', () => {
  it('shows the API\'s message for a wrong key and signs in with a right one, keeping the key out of storage and the URL', async () => {
    const calls = standInGateway({
      'GET /console/config.json': { body: { oidc: { enabled: false, issuer: null, client_id: null } } },
      'GET /api/v1/llm/credits': (_b) => calls.at(-1)?.authorization === `Bearer ${KEY}`
        ? { body: creditsView() }
        : { status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } } },
      'GET /api/v1/byok/providers': { body: PROVIDERS },
      'GET /api/v1/byok/keys': { body: { keys: [] } },
    });
    at('/admin/llm/byok');
    render(<App />);
    const user = userEvent.setup({ delay: null });
    const field = screen.getByLabelText(/API key/);
    expect(field).toHaveProperty('type', 'password');
    await user.type(field, 'sg-wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect API key provided.');

    await user.clear(field);
    await user.type(field, KEY);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Provider keys (BYOK)' })).toBeTruthy();
    expect(window.location.pathname).toBe('/admin/llm/byok');
    expect(window.location.href).not.toContain(KEY);
    expect(JSON.stringify({ ...window.localStorage })).not.toContain(KEY);
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain(KEY);
    expect(document.cookie).not.toContain(KEY);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});

describe('the BYOK page', () => {
  it('prompts a Free account to upgrade and offers no way to add a key', async () => {
    standInGateway({
      'GET /api/v1/byok/providers': { body: PROVIDERS },
      'GET /api/v1/byok/keys': { body: { keys: [] } },
    });
    at('/admin/llm/byok');
    render(<App initialSession={signedIn('free')} />);
    expect(await screen.findByText('Upgrade to Starter to bring your own keys')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Add key for OpenAI' })).toHaveProperty('disabled', true);
  });

  it('checks the format, tests the unsaved key, saves it and shows the card connected', async () => {
    let keys: unknown[] = [];
    const calls = standInGateway({
      'GET /api/v1/byok/providers': { body: PROVIDERS },
      'GET /api/v1/byok/keys': () => ({ body: { keys } }),
      'POST /api/v1/byok/keys/test/openai': (body) => ({ body: { results: [{ key_id: null, provider: 'openai', label: null,
        status: ((body as { api_key?: string } | undefined)?.api_key ?? 'stored-good').endsWith('good') ? 'valid' : 'invalid', latency_ms: 42, detail: 'HTTP 200', tested_at: new Date().toISOString() }] } }),
      'POST /api/v1/byok/keys/add': () => {
        keys = [{ id: 'k1', provider: 'openai', label: 'Mine', masked_key: 'sk-proj-…good', fingerprint: 'sha256:00', base_url: null,
          added_at: new Date().toISOString(), last_test: { key_id: 'k1', provider: 'openai', label: 'Mine', status: 'valid', latency_ms: 40,
            detail: 'ok', tested_at: new Date().toISOString() }, needs_test: false }];
        return { status: 201, body: keys[0] };
      },
    });
    at('/admin/llm/byok');
    render(<App initialSession={signedIn()} />);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Add key for OpenAI' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Provider')).toHaveProperty('readOnly', true);
    const key = within(dialog).getByLabelText(/API key/);
    expect(key).toHaveProperty('type', 'password');
    await user.type(key, 'gsk_not-an-openai-key');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    expect(within(dialog).getByText(/does not look like a OpenAI key/)).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/api/v1/byok/keys/test'))).toHaveLength(0);

    await user.clear(key);
    const good = `sk-proj-${'x'.repeat(36)}good`;
    await user.type(key, good);
    await user.type(within(dialog).getByLabelText(/Label/), 'Mine');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    expect(await within(dialog).findByText(/The key works \(42 ms\)/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.path === '/api/v1/byok/keys/add')?.body).toEqual({ provider: 'openai', api_key: good, label: 'Mine' });
    // after saving, the stored key is tested (by its label), never by sending the key again
    expect(calls.filter((c) => c.path === '/api/v1/byok/keys/test/openai').at(-1)?.body).toEqual({ label: 'Mine' });
    const card = (await screen.findByText('sk-proj-…good · Mine')).closest('section')!;
    expect(within(card).getByText('Connected')).toBeTruthy();
    expect(within(card).getByText(/Last tested: just now \(valid\)/)).toBeTruthy();
    expect(document.body.textContent).not.toContain(good);
  });

  it('shows the API\'s error when the keys cannot be loaded', async () => {
    standInGateway({
      'GET /api/v1/byok/providers': { body: PROVIDERS },
      'GET /api/v1/byok/keys': { status: 503, body: { error: { message: 'The keyring is unavailable right now.', type: 'server_error', code: null } } },
    });
    at('/admin/llm/byok');
    render(<App initialSession={signedIn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The keyring is unavailable right now.');
  });
});

describe('the settings page', () => {
  it('changes the estimate with the level and persists the choice', async () => {
    const calls = standInGateway({
      [`GET /api/v1/llm/users/${ACCOUNT}/power-level`]: { body: { user_id: ACCOUNT, power_level: 'precision', multiplier: 1 } },
      [`PUT /api/v1/llm/users/${ACCOUNT}/power-level`]: (body) => ({ body: { user_id: ACCOUNT, ...(body as object), multiplier: 0.1 } }),
      [`GET /api/v1/llm/users/${ACCOUNT}/byok`]: { body: { user_id: ACCOUNT, prefer_byok: true } },
      'GET /api/v1/llm/catalog/models': { body: CATALOG },
      'GET /api/v1/llm/providers': { body: CATALOG_PROVIDERS },
      'GET /api/v1/llm/routing/rules': { body: { catalog_version: 3, chains: {}, quality_floors: { eco: 0, balanced: 0, precision: 0 }, max_attempts: 3 } },
      'GET /v1/models': { body: { object: 'list', data: [{ id: 'cheap', object: 'model' }, { id: 'best', object: 'model' }] } },
    });
    at('/admin/account/settings');
    render(<App initialSession={signedIn()} />);
    const user = userEvent.setup({ delay: null });
    const estimate = await screen.findByTestId('estimate');
    expect(estimate).toHaveTextContent('Estimated cost at Precision: 2 credits');
    await user.click(screen.getByRole('radio', { name: /^Eco/ }));
    await waitFor(() => expect(estimate).toHaveTextContent('Estimated cost at Eco: 0.02 credits'));
    expect(await screen.findByText(/Saved: your requests to "auto" now use Eco/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ power_level: 'eco' });
  });
});

describe('the credits page', () => {
  const routes = (over: Record<string, unknown> = {}, transactions: unknown[] = []) => ({
    'GET /api/v1/llm/credits': { body: creditsView(over) },
    'GET /api/v1/llm/credits/packages': { body: { packages: [
      { code: 'starter-10', price_usd: '10.00', credits: '10000', bonus_percent: 0 },
      { code: 'growth-50', price_usd: '50.00', credits: '55000', bonus_percent: 10 }],
      custom: { min_usd: 5, max_usd: 10000, credits_per_usd: 1000 } } },
    'GET /api/v1/llm/credits/history?size=50': { body: { page: 0, size: 50, events: 3, has_more: false, transactions } },
    'POST /api/v1/llm/credits/purchase': (body: unknown) => ({ status: 201, body: { checkout_session_id: 'cs_1',
      checkout_url: 'https://checkout.stripe.com/c/pay/cs_1', package: { code: (body as { package?: string }).package ?? 'custom' } } }),
  });

  it('shows the balance large, the projection and the low-balance banner, and sends a package to Stripe Checkout', async () => {
    const calls = standInGateway(routes({ balance: '10', lowBalance: true, daysLeft: 3.4 }));
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => {});
    at('/admin/subscription/credits');
    render(<App initialSession={signedIn()} />);
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByTestId('balance')).toHaveTextContent('10');
    expect(screen.getByText(/Low balance: 10 credits remaining/)).toBeTruthy();
    expect(screen.getByTestId('projection')).toHaveTextContent('Credits will last ~3 days');
    await user.click(await screen.findByRole('button', { name: 'Purchase 55,000 credits for $50' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_1'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ package: 'growth-50' });
  });

  it('greets the buyer back from Checkout with the credits of that checkout', async () => {
    standInGateway(routes({ balance: '55010' }, [{ sequence: 2, at: new Date().toISOString(), type: 'purchase', amount: '55000',
      balance_after: '55010', package: 'growth-50', stripe_checkout_session: 'cs_42' }]));
    at('/admin/subscription/credits?success=true&session_id=cs_42');
    render(<App initialSession={signedIn()} />);
    expect(await screen.findByText('55,000 credits added.')).toBeTruthy();
    expect(await screen.findByTestId('balance')).toHaveTextContent('55,010');
  });

  it('refuses a custom amount that is not whole dollars before calling the API', async () => {
    const calls = standInGateway(routes());
    at('/admin/subscription/credits');
    render(<App initialSession={signedIn()} />);
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('Amount in US dollars'), '12.5');
    await user.click(within(screen.getByRole('region', { name: 'Custom amount' })).getByRole('button', { name: 'Purchase' }));
    expect(await screen.findByText('Enter a whole number of US dollars.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe('the analytics page', () => {
  it('asks the administrator to name an account instead of loading for ever, and draws the platform-wide power levels', async () => {
    const calls = standInGateway({
      'POST /graphql': { body: { data: { usageBreakdown: [{ key: 'balanced', requests: 3, tokens: 30, cost: '0.000300', share: 1 }] } } },
    });
    at('/admin/llm/analytics');
    render(<App initialSession={{ credential: 'sg-admin-test-key-0123456789', role: 'admin', via: 'key', accountId: null, tier: null }} />);
    expect(await screen.findByText('Name an account to see its usage.')).toBeTruthy();
    expect(await screen.findByRole('img', { name: 'Power levels: balanced 3' })).toBeTruthy();
    expect(screen.queryByText('Loading usage…')).toBeNull();
    expect(calls.filter((c) => c.path.startsWith('/api/v1/llm/usage'))).toHaveLength(0);
  });
});
