// The console's flows in headless Chromium (Debian's, through playwright-core: no browser download), against a
// running gateway. Started by bootstrap's ConsoleBrowserEndToEndTest with the gateway's address and the keys it
// made; one flow per run (FLOW). Every page visited is checked with axe-core (no serious or critical violation),
// for console errors and warnings, and for horizontal overflow at 375 px; screenshots go to OUT_DIR.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('BASE_URL');
const FLOW = env('FLOW');
const OUT = env('OUT_DIR');
mkdirSync(OUT, { recursive: true });

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const report = { flow: FLOW, steps: [], axe: [], screenshots: [], console: [] };
const problems = [];

function step(text) {
  report.steps.push(text);
  console.log(`[${FLOW}] ${text}`);
}

function check(condition, message) {
  if (!condition) {
    problems.push(message);
    throw new Error(message);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});

async function open(viewport = DESKTOP, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      report.console.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => report.console.push(`pageerror: ${error.message}`));
  return page;
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.MuiCircularProgress-root'), null, { timeout: 20_000 });
  // transitions that end (a card's chip fading in, a dialog's backdrop fading out) run to their end, so
  // screenshots and axe see the page as it stays, not a colour half-way; endless ones (a focus ripple) don't end
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'
      || animation.effect?.getComputedTiming().iterations === Infinity), null, { timeout: 10_000 });
}

async function signIn(page, path, key) {
  await page.goto(BASE + path);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await settle(page);
}

/** In-app navigation (a reload would sign out: the key lives in memory only). */
async function go(page, path) {
  await page.evaluate((p) => { window.history.pushState({}, '', p); window.dispatchEvent(new PopStateEvent('popstate')); }, path);
  await settle(page);
}

/** Screenshot, axe-core and (at 375 px) the no-horizontal-scroll check of the page as it is now. */
async function inspect(page, name) {
  await settle(page);
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  report.screenshots.push(file);
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  report.axe.push({ page: name, violations });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(serious.length === 0, `${name}: axe found ${serious.map((v) => `${v.id} (${v.impact}) at ${v.nodes.join(', ')}`).join('; ')}`);
  const width = page.viewportSize().width;
  if (width <= 400) {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    check(scroll <= width + 1, `${name}: the page scrolls sideways at ${width} px (${scroll} px wide)`);
  }
  step(`inspected ${name}`);
}

const flows = {
  /** Add, test and delete a key; and the Free tier's upgrade prompt. */
  async byok() {
    const free = await open();
    await signIn(free, '/admin/llm/byok', env('FREE_KEY'));
    await free.getByText('Upgrade to Starter to bring your own keys').waitFor();
    check(await free.getByRole('button', { name: 'Add key for OpenAI' }).isDisabled(), 'a Free account can open the add-key modal');
    step('the Free tier sees the upgrade prompt and cannot add a key');
    await inspect(free, 'byok-free-desktop');

    const page = await open();
    await signIn(page, '/admin/llm/byok', env('STARTER_KEY'));
    const cards = await page.locator('section[data-provider]').count();
    check(cards >= 8, `expected a card for each of the 8 providers, saw ${cards}`);
    await page.getByRole('button', { name: 'Add key for OpenAI' }).click();
    const dialog = page.getByRole('dialog');
    check(await dialog.getByLabel('Provider').inputValue() === 'OpenAI', 'the modal names the provider');
    check(await dialog.getByLabel('Provider').getAttribute('readonly') !== null, 'the provider is locked');
    const key = dialog.getByLabel('API key');
    check(await key.getAttribute('type') === 'password', 'the key field is a password field');
    await key.fill('gsk_this-is-not-an-openai-key-at-all-0000');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText(/does not look like a OpenAI key/).waitFor();
    step('the format check refuses a Groq-shaped key before any call');
    await inspect(page, 'byok-modal-desktop');
    await key.fill(env('OPENAI_BAD_KEY'));
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText(/^invalid/).waitFor();
    step('a key the provider refuses tests invalid');
    await key.fill(env('OPENAI_GOOD_KEY'));
    await dialog.getByLabel('Label (optional)').fill('My OpenAI Key');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText(/The key works/).waitFor();
    step('the good key tests valid');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.locator('section[data-provider="openai"]');
    await card.getByText('Connected').waitFor();
    const preview = await card.getByText(/My OpenAI Key/).textContent();
    check(preview.includes('…') && !preview.includes(env('OPENAI_GOOD_KEY')), `the card shows the key masked: ${preview}`);
    await card.getByText(/Last tested: just now \(valid\)/).waitFor();
    check(!(await page.content()).includes(env('OPENAI_GOOD_KEY')), 'the key is nowhere in the page');
    step(`saved; the card shows ${preview.trim()}`);
    await inspect(page, 'byok-desktop');
    await card.getByRole('button', { name: 'Re-test the OpenAI key' }).click();
    await page.getByText('OpenAI: the key works.').waitFor();
    step('re-tested');
    await card.getByRole('button', { name: 'Delete the OpenAI key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await card.getByText('Not configured').waitFor();
    step('deleted');
    const phone = await open(PHONE);
    await signIn(phone, '/admin/llm/byok', env('STARTER_KEY'));
    await inspect(phone, 'byok-375');
    const dark = await open(DESKTOP, 'dark');
    await signIn(dark, '/admin/llm/byok', env('STARTER_KEY'));
    await inspect(dark, 'byok-dark-desktop');
  },

  /** Switch the power level and see the estimate change (the test then checks where the next request goes). */
  async power() {
    const page = await open();
    await signIn(page, '/admin/account/settings', env('STARTER_KEY'));
    const estimate = page.getByTestId('estimate');
    check(await page.getByRole('radio', { name: /^Precision/ }).isChecked(), 'the stored level (precision) is selected');
    const before = (await estimate.textContent()).trim();
    await page.getByRole('radio', { name: /^Eco/ }).check();
    await page.getByText(/Saved: your requests to "auto" now use Eco/).waitFor();
    const after = (await estimate.textContent()).trim();
    check(before !== after && after.includes('Eco'), `the estimate changed: "${before}" → "${after}"`);
    report.estimates = { before, after };
    step(`estimate "${before}" → "${after}"`);
    await inspect(page, 'settings-desktop');
    const phone = await open(PHONE);
    await signIn(phone, '/admin/account/settings', env('STARTER_KEY'));
    await inspect(phone, 'settings-375');
  },

  /** Buy credits through the Stripe-format stand-in and return to the success banner with the new balance. */
  async credits() {
    const page = await open();
    await signIn(page, '/admin/subscription/credits', env('STARTER_KEY'));
    const before = (await page.getByTestId('balance').textContent()).trim();
    await inspect(page, 'credits-desktop');
    await page.getByRole('button', { name: 'Purchase 55,000 credits for $50' }).click();
    await page.waitForURL((url) => url.toString().startsWith(env('STRIPE_URL')));
    step(`at the checkout: ${page.url()}`);
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.waitForURL((url) => url.pathname === '/admin/subscription/credits' && url.searchParams.get('success') === 'true');
    step(`back at ${page.url()}`);
    // the page was left for Stripe, so the in-memory key is gone: sign in again
    await page.getByLabel('API key').fill(env('STARTER_KEY'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('55,000 credits added.').waitFor();
    await page.waitForFunction((old) => {
      const b = document.querySelector('[data-testid=balance]');
      return b && b.textContent.trim() !== old;
    }, before);
    const after = (await page.getByTestId('balance').textContent()).trim();
    report.balances = { before, after };
    step(`balance ${before} → ${after}`);
    await inspect(page, 'credits-success-desktop');
    const phone = await open(PHONE);
    await signIn(phone, '/admin/subscription/credits', env('STARTER_KEY'));
    await inspect(phone, 'credits-375');
  },

  /** The requests just made in analytics, exported as CSV. */
  async analytics() {
    const page = await open();
    await signIn(page, '/admin/llm/analytics', env('STARTER_KEY'));
    const ids = env('REQUEST_IDS').split(',');
    const totals = (await page.getByTestId('usage-totals').textContent()).trim();
    check(totals.startsWith(`${ids.length} requests`), `analytics counts the requests made: ${totals}`);
    const charts = await page.locator('canvas').count();
    check(charts >= 6, `the charts are drawn (${charts} canvases)`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = join(OUT, 'usage-export.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    for (const id of ids) {
      check(csv.includes(id), `the export holds request ${id}`);
    }
    report.levels = (await page.locator('section[aria-labelledby=levels-title]').textContent()).trim();
    step(`${totals}; exported ${csv.trim().split('\n').length - 1} rows; power levels: ${report.levels}`);
    await inspect(page, 'analytics-desktop');
    const phone = await open(PHONE);
    await signIn(phone, '/admin/llm/analytics', env('STARTER_KEY'));
    await inspect(phone, 'analytics-375');
  },

  /** Filter and sort the catalog. */
  async catalog() {
    const page = await open();
    await signIn(page, '/admin/llm/models', env('STARTER_KEY'));
    const rows = () => page.locator('tbody tr[data-model]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-model')));
    const all = await rows();
    check(all.includes('a-cheap') && all.includes('b-best') && all.includes('sim-echo'), `the catalog lists the models: ${all}`);
    await page.getByLabel('Search models').fill('b-best');
    check(JSON.stringify(await rows()) === JSON.stringify(['b-best']), `search "b-best": ${await rows()}`);
    await page.getByLabel('Search models').fill('');
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'sim-b' }).click();
    check(JSON.stringify(await rows()) === JSON.stringify(['b-best', 'b-pro']), `provider sim-b: ${await rows()}`);
    await page.getByRole('combobox', { name: 'Tier' }).click();
    await page.getByRole('option', { name: 'professional' }).click();
    check(JSON.stringify(await rows()) === JSON.stringify(['b-pro']), `sim-b, professional: ${await rows()}`);
    const unavailable = await page.locator('tr[data-model="b-pro"]').getByLabel('not available').count();
    check(unavailable === 1, 'a professional model is not available to a starter account');
    await page.getByRole('combobox', { name: 'Tier' }).click();
    await page.getByRole('option', { name: 'All' }).click();
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'All' }).click();
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Quality' }).click();
    const byQuality = await rows();
    check(byQuality.indexOf('b-pro') < byQuality.indexOf('b-best') && byQuality.indexOf('b-best') < byQuality.indexOf('a-cheap'),
      `sorted by quality: ${byQuality}`);
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Cost' }).click();
    const byCost = await rows();
    check(byCost.indexOf('a-cheap') < byCost.indexOf('b-best') && byCost.indexOf('b-best') < byCost.indexOf('b-pro'), `sorted by cost: ${byCost}`);
    step(`filtered and sorted: ${byCost.join(', ')}`);
    await inspect(page, 'models-desktop');
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Popularity' }).click();
    report.popularity = (await page.locator('.MuiAlert-message').allTextContents()).join(' ');
    const phone = await open(PHONE);
    await signIn(phone, '/admin/llm/models', env('STARTER_KEY'));
    await inspect(phone, 'models-375');
  },

  /** Sign-in through Keycloak: authorization code with PKCE in a pop-up, the token kept in memory only. */
  async oidc() {
    const page = await open();
    const authorizations = [];
    page.context().on('request', (r) => { if (r.url().includes('/protocol/openid-connect/auth')) authorizations.push(new URL(r.url())); });
    await page.goto(`${BASE}/admin/llm/byok`);
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: /Sign in with your organisation/ }).click(),
    ]);
    await popup.locator('#username').waitFor({ timeout: 30_000 });
    step(`the identity provider's page: ${new URL(popup.url()).pathname}`);
    const asked = authorizations[0];
    check(asked && asked.searchParams.get('code_challenge_method') === 'S256' && (asked.searchParams.get('code_challenge') ?? '').length === 43
      && asked.searchParams.get('client_id') === 'switchgear-console', `the request carries a PKCE S256 challenge: ${asked}`);
    await popup.locator('#username').fill(env('OIDC_USER'));
    await popup.locator('#password').fill(env('OIDC_PASSWORD'));
    await Promise.all([popup.waitForEvent('close', { timeout: 30_000 }), popup.locator('#kc-login').click()]);
    await page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('alert')).first().waitFor();
    const refused = await page.getByRole('alert').count() ? await page.getByRole('alert').textContent() : null;
    check(refused === null, `the sign-in failed: ${refused} (console: ${report.console.join(' | ')})`);
    await settle(page);
    report.who = (await page.getByTestId('who').textContent()).trim();
    step(`signed in as ${report.who}`);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    check(!stored.includes('eyJ'), 'no token in storage or cookies');
    check(!page.url().includes('code=') && !page.url().includes('eyJ'), `the console's URL carries no code or token: ${page.url()}`);
    await inspect(page, 'oidc-byok-desktop');
  },

  /** Every other page, desktop and 375 px, as an account and as the administrator; and the sign-in page. */
  async pages() {
    for (const [viewport, suffix] of [[DESKTOP, 'desktop'], [PHONE, '375']]) {
      const signInPage = await open(viewport);
      await signInPage.goto(`${BASE}/admin/llm/byok`);
      await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
      await inspect(signInPage, `sign-in-${suffix}`);
      const before = report.console.length;
      await signInPage.getByLabel('API key').fill('sg-not-a-key-000000000000');
      await signInPage.getByRole('button', { name: 'Sign in' }).click();
      await signInPage.getByRole('alert').waitFor();
      // the browser itself logs the deliberate wrong key's 401 answer; nothing else may appear
      await signInPage.waitForTimeout(200);
      const logged = report.console.splice(before);
      check(logged.every((m) => m.includes('status of 401')), `signing in with a wrong key logged: ${logged.join(' | ')}`);
      check(!signInPage.url().includes('sg-not-a-key'), 'the key never reaches the URL');
      const account = await open(viewport);
      await signIn(account, '/admin/llm/providers', env('STARTER_KEY'));
      await inspect(account, `providers-${suffix}`);
      await go(account, '/admin/audit');
      await inspect(account, `audit-${suffix}`);
      const admin = await open(viewport);
      await signIn(admin, '/admin/accounts', env('ADMIN_KEY'));
      await inspect(admin, `admin-accounts-${suffix}`);
      for (const [path, name] of [['/admin/catalog', 'admin-catalog'], ['/admin/routing', 'admin-routing'],
        ['/admin/master-key', 'admin-master-key'], ['/admin/audit', 'admin-audit'], ['/admin/llm/providers', 'admin-providers']]) {
        await go(admin, path);
        await inspect(admin, `${name}-${suffix}`);
      }
    }
    // the administrator opens an account, issues its key and grants it credits
    const admin = await open();
    await signIn(admin, '/admin/accounts', env('ADMIN_KEY'));
    await admin.getByRole('textbox', { name: 'Name', exact: false }).fill('Opened in the browser');
    await admin.getByRole('button', { name: 'Open account' }).click();
    const opened = (await admin.getByRole('status').filter({ hasText: 'Opened' }).textContent()).trim();
    report.opened = opened.replace(/.*: /, '');
    await admin.getByRole('button', { name: 'Issue an API key' }).click();
    report.issuedKey = (await admin.locator('[role=status] code').textContent()).trim();
    await admin.getByRole('textbox', { name: 'Credits', exact: true }).fill('250');
    await admin.getByRole('textbox', { name: 'Reason', exact: true }).fill('welcome');
    await admin.getByRole('button', { name: 'Grant' }).click();
    await admin.getByText(/Granted 250 credits; balance 250/).waitFor();
    step(`opened ${report.opened}, issued a key, granted 250 credits`);

    // the shell's keyboard path: the skip link first, then the page menu
    const keyboard = await open();
    await signIn(keyboard, '/admin/llm/byok', env('STARTER_KEY'));
    await keyboard.keyboard.press('Tab');
    check(await keyboard.evaluate(() => document.activeElement?.textContent) === 'Skip to content', 'Tab reaches the skip link first');
    step('keyboard: the skip link comes first');
  },
};

let failed = null;
try {
  if (!flows[FLOW]) throw new Error(`unknown flow ${FLOW}`);
  await flows[FLOW]();
  check(report.console.length === 0, `console errors or warnings: ${report.console.join(' | ')}`);
} catch (error) {
  failed = error;
} finally {
  report.problems = problems.length ? problems : (failed ? [String(failed.message ?? failed)] : []);
  writeFileSync(join(OUT, `${FLOW}-report.json`), JSON.stringify(report, null, 2));
  await browser.close();
}
if (failed) {
  console.error(`[${FLOW}] FAILED: ${failed.stack ?? failed}`);
  process.exit(1);
}
console.log(`[${FLOW}] passed`);
