// Lighthouse's accessibility score of every console page, at desktop width and at 375 px, against a running
// gateway (Debian's headless Chromium through puppeteer-core: no browser download). Started by bootstrap's
// ConsoleBrowserEndToEndTest with the gateway's address and two keys. A Lighthouse user flow: the sign-in page
// is a navigation; every page behind it is a snapshot of the page as the user sees it after signing in and
// moving through the console (a reload would sign out: keys live in memory only). Writes each flow's HTML
// report and lighthouse-report.json (every page's score and failing audits) to OUT_DIR; exits 1 when a score
// is under MIN_SCORE (0.9 unless set).
import puppeteer from 'puppeteer-core';
import { startFlow } from 'lighthouse';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('BASE_URL');
const OUT = env('OUT_DIR');
const MIN_SCORE = Number(process.env.MIN_SCORE ?? '0.9');
mkdirSync(OUT, { recursive: true });

const VIEWPORTS = {
  desktop: { width: 1280, height: 900, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  375: { width: 375, height: 812, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
const ACCOUNT_PAGES = [
  ['/admin/llm/byok', 'byok'], ['/admin/account/settings', 'settings'], ['/admin/subscription/credits', 'credits'],
  ['/admin/llm/analytics', 'analytics'], ['/admin/llm/models', 'models'], ['/admin/llm/providers', 'providers'],
  ['/admin/audit', 'audit'],
];
const ADMIN_PAGES = [
  ['/admin/accounts', 'admin-accounts'], ['/admin/catalog', 'admin-catalog'], ['/admin/routing', 'admin-routing'],
  ['/admin/master-key', 'admin-master-key'], ['/admin/llm/analytics', 'admin-analytics'],
  ['/admin/llm/providers', 'admin-providers'], ['/admin/audit', 'admin-audit'],
];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});

/** Waits until the page has stopped loading: no spinner, no request in flight, no transition running. */
async function settle(page) {
  await page.waitForNetworkIdle({ idleTime: 250, timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.MuiCircularProgress-root'), { timeout: 20_000 });
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'
      || animation.effect?.getComputedTiming().iterations === Infinity), { timeout: 10_000 });
}

async function signIn(page, key) {
  await page.locator('::-p-aria(API key)').fill(key);
  await page.locator('button::-p-text(Sign in)').click();
  await page.locator('button::-p-text(Sign out)').wait();
  await settle(page);
}

async function signOut(page) {
  await page.locator('button::-p-text(Sign out)').click();
  await page.locator('button::-p-text(Sign in)').wait();
}

/** In-app navigation, as a click on the menu does. */
async function go(page, path) {
  await page.evaluate((p) => { window.history.pushState({}, '', p); window.dispatchEvent(new PopStateEvent('popstate')); }, path);
  try {
    await settle(page);
  } catch (e) {
    await page.screenshot({ path: join(OUT, 'lighthouse-unsettled.png'), fullPage: true });
    throw new Error(`${path} did not settle: ${e.message}`);
  }
}

const results = [];
for (const [suffix, viewport] of Object.entries(VIEWPORTS)) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  // as the browser flows do: transitions shortened, so pages settle
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  page.setDefaultTimeout(20_000);
  const settings = {
    onlyCategories: ['accessibility'],
    formFactor: viewport.isMobile ? 'mobile' : 'desktop',
    // the viewport set above is the one measured; no throttling (accessibility does not depend on it)
    screenEmulation: { disabled: true },
    throttlingMethod: 'provided',
  };
  const flow = await startFlow(page, { name: `Switchgear console, ${suffix}`, config: { extends: 'lighthouse:default', settings } });
  await flow.navigate(`${BASE}/admin/llm/byok`, { name: `sign-in-${suffix}` });
  await settle(page);
  await signIn(page, env('STARTER_KEY'));
  for (const [path, name] of ACCOUNT_PAGES) {
    await go(page, path);
    await flow.snapshot({ name: `${name}-${suffix}` });
  }
  await signOut(page);
  await signIn(page, env('ADMIN_KEY'));
  for (const [path, name] of ADMIN_PAGES) {
    await go(page, path);
    await flow.snapshot({ name: `${name}-${suffix}` });
  }
  writeFileSync(join(OUT, `lighthouse-${suffix}.html`), await flow.generateReport());
  for (const step of (await flow.createFlowResult()).steps) {
    const lhr = step.lhr;
    const category = lhr.categories.accessibility;
    // the audits that count: weighted and applicable to what is on the page (not "not applicable", not manual)
    const applicable = category.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null);
    const failing = applicable.filter((ref) => lhr.audits[ref.id].score < 1)
      .map((ref) => ({ id: ref.id, weight: ref.weight, title: lhr.audits[ref.id].title }));
    results.push({ page: step.name, mode: lhr.gatherMode, score: category.score, applicable: applicable.length, failing });
    console.log(`${step.name.padEnd(28)} ${lhr.gatherMode.padEnd(10)} ${Math.round(category.score * 100)}`
      + `  (${applicable.length - failing.length}/${applicable.length} audits passed)`
      + (failing.length ? `  failing: ${failing.map((f) => f.id).join(', ')}` : ''));
  }
  await page.close();
}
await browser.close();

const report = { lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version,
  minScore: MIN_SCORE, pages: results };
writeFileSync(join(OUT, 'lighthouse-report.json'), JSON.stringify(report, null, 2));
const low = results.filter((r) => r.score === null || r.score < MIN_SCORE);
if (low.length) {
  console.error(`under ${MIN_SCORE}: ${low.map((r) => `${r.page} ${r.score}`).join(', ')}`);
  process.exit(1);
}
