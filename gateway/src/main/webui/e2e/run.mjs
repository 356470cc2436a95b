// End-to-end tests of the dashboard in a real browser (playwright-core driving a system Chromium)
// against a running gateway: BASE_URL (required), SCREENSHOTS (folder, default ./screenshots),
// CHROMIUM (default /usr/bin/chromium, Debian's package). Exits 0 when every scenario passed.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';

const require = createRequire(import.meta.url);
const base = process.env.BASE_URL;
if (!base) {
  console.error('BASE_URL is required (the gateway, e.g. http://127.0.0.1:8080)');
  process.exit(2);
}
const shots = process.env.SCREENSHOTS ?? join(process.cwd(), 'screenshots');
mkdirSync(shots, { recursive: true });
const fixtures = new URL('./fixtures/', import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const t0 = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const profileDir = mkdtempSync(join(tmpdir(), 'fleetsynth-e2e-'));
// a fresh profile (--user-data-dir) per run
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: 1360, height: 900 },
  acceptDownloads: true,
});
const page = context.pages()[0] ?? (await context.newPage());
const consoleErrors = [];
page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
page.on('pageerror', (e) => consoleErrors.push(String(e)));
page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`));
page.setDefaultTimeout(30_000);

const results = [];
const a11y = [];

async function shot(name, fullPage = true) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, name), fullPage });
}

async function axe(name) {
  await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const res = await window.axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = r.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  a11y.push({ page: name, violations: r.length, serious: bad.length });
  for (const v of r) log(`  axe ${name}: ${v.impact} ${v.id} (${v.help}) ${v.nodes.join(', ')}`);
  if (bad.length) throw new Error(`${bad.length} serious/critical accessibility violations on ${name}: ${bad.map((v) => v.id).join(', ')}`);
}

async function go(hash) {
  await page.goto(`${base}/#/${hash}`);
  await page.waitForSelector('main h1');
}

async function scenario(name, fn) {
  const s = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, s: (Date.now() - s) / 1000 });
    log(`PASS ${name} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false, s: (Date.now() - s) / 1000, error: e.message });
    log(`FAIL ${name}: ${e.stack ?? e.message}`);
    await page.screenshot({ path: join(shots, `failure-${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => {});
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

const wizardStep = (n) => page.getByRole('button', { name: new RegExp(`Step ${n}:`) });

await scenario('overview shows the fleet', async () => {
  await go('overview');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('.machine-card');
  const cards = await page.locator('.machine-card').count();
  expect(cards >= 32, `expected at least 32 machine cards, saw ${cards}`);
  await shot('01-overview.png');
  await axe('overview');
});

await scenario('a bad upload shows its errors with fixes', async () => {
  await go('wizard');
  await page.getByRole('button', { name: /Upload a profile/ }).click();
  await page.setInputFiles('#profile-file', new URL('bad-pump.yaml', fixtures).pathname);
  await page.getByText(/problems? in the profile/).waitFor();
  const problems = await page.locator('[aria-label="Problems in the profile"] .problem').count();
  expect(problems >= 5, `expected at least 5 problems, saw ${problems}`);
  await page.getByText("must be 3..64 lowercase letters, digits or _, got 'Pump With Spaces'").first().waitFor();
  await page.getByText("Fix: use 'pump_with_spaces'").first().waitFor();
  // the machine_id field shows its problem inline and is marked invalid
  expect((await page.locator('input[name="machine_id"][aria-invalid="true"]').count()) === 1, 'machine_id is not marked invalid');
  await shot('02-wizard-bad-upload.png');
  await axe('wizard (errors)');
  // one click applies a concrete fix and re-validates
  await page.getByRole('button', { name: /Apply “pump_with_spaces” to machine id/i }).first().click();
  await page.waitForFunction(() => !document.body.innerText.includes("got 'Pump With Spaces'"));
  expect((await page.inputValue('input[name="machine_id"]')) === 'pump_with_spaces', 'the fix was not applied to machine_id');
});

let datasetId;
await scenario('wizard: YAML upload to a generated dataset', async () => {
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('button', { name: /Upload a profile/ }).click();
  await page.setInputFiles('#profile-file', new URL('pump.yaml', fixtures).pathname);
  await page.getByText('The profile is valid').waitFor();
  await page.getByRole('button', { name: 'Next: create the machine' }).click();
  await page.getByRole('button', { name: 'Create machine' }).click();
  await page.getByRole('heading', { name: /Seed data for pump_ui_e2e_001/ }).waitFor();
  await page.fill('#seed-rows', '2000');
  await page.getByRole('button', { name: 'Generate seed data' }).click();
  await page.getByRole('img', { name: /Seed data preview/ }).waitFor({ timeout: 90_000 });
  await shot('03-wizard-seed.png');
  await page.getByRole('button', { name: 'Next: train' }).click();
  await page.fill('#epochs', '20');
  await page.getByRole('button', { name: 'Start training' }).click();
  // live: the epoch counter moves while it trains, then the task succeeds
  await page.getByText(/epoch \d+ \/ 20/).first().waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Next: generate' }).and(page.locator(':not([disabled])')).waitFor({ timeout: 180_000 });
  await page.getByText('epoch 20 / 20').first().waitFor();
  const epochsDrawn = await page.evaluate(() => document.querySelector('[role="img"][aria-label^="Training loss"]')?.getAttribute('aria-label'));
  log('  ' + epochsDrawn);
  await shot('04-wizard-training.png');
  await axe('wizard (training)');
  // reload mid-wizard: it resumes at the same step
  await page.reload();
  await page.getByRole('heading', { name: /Train a TVAE for pump_ui_e2e_001/ }).waitFor();
  await page.getByRole('button', { name: 'Next: generate' }).click();
  await page.fill('#gen-rows', '5000');
  await page.getByRole('button', { name: 'Generate dataset' }).click();
  await page.getByLabel('Quality report').waitFor({ timeout: 180_000 });
  await page.getByText('Temporal checks').waitFor();
  datasetId = await page.evaluate(() => JSON.parse(localStorage.getItem('fleetsynth.wizard')).state.datasetId);
  expect(!!datasetId, 'no dataset id in the wizard state');
  await shot('05-wizard-quality.png');
  await axe('wizard (quality)');
});

await scenario('explorer shows the dataset histograms', async () => {
  await page.getByRole('button', { name: 'Explore the data' }).click();
  await page.getByRole('heading', { name: 'Data explorer' }).waitFor();
  await page.getByRole('img', { name: /Histogram of flow_rate_m3h/ }).waitFor({ timeout: 60_000 });
  expect((await page.inputValue('#ex-machine')) === 'pump_ui_e2e_001', 'explorer did not open the wizard machine');
  const hists = await page.getByRole('img', { name: /^Histogram of/ }).count();
  expect(hists >= 4, `expected histograms for rul and 3 sensors, saw ${hists}`);
  await page.getByRole('img', { name: /Correlation heatmap/ }).waitFor();
  await page.getByText(/1–50 of 3,500/).waitFor();
  await page.getByRole('img', { name: /seed cycle and synthetic cycle/ }).waitFor();
  const csv = await page.getByRole('link', { name: 'Download train CSV' }).getAttribute('href');
  const r = await page.request.get(base + csv);
  expect(r.ok() && (await r.text()).startsWith('timestamp,'), 'the CSV download failed');
  await shot('06-explorer.png');
  await axe('explorer');
});

await scenario('a batch over three machines', async () => {
  await go('batch');
  await page.getByLabel('Pick machines', { exact: true }).check();
  const boxes = page.locator('[aria-label="Pick machines"] input[type=checkbox]');
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await page.getByLabel('Operation').selectOption('seed');
  await page.fill('#batch-seed-rows', '2000');
  await page.getByRole('button', { name: 'Run seed for 3 machines' }).click();
  await page.getByRole('table', { name: 'Batch results' }).waitFor();
  await page.getByText('3 of 3 finished').waitFor({ timeout: 120_000 });
  const rows = await page.locator('[aria-label="Batch results"] tbody tr').count();
  expect(rows === 3, `expected 3 batch rows, saw ${rows}`);
  await page.getByLabel('Show').selectOption('fail');
  const failed = await page.locator('[aria-label="Batch results"] tbody tr').count();
  await page.getByLabel('Show').selectOption('all');
  log(`  batch: 3 machines, ${failed} failed`);
  const csv = await page.request.get(base + (await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')));
  expect(csv.ok() && (await csv.text()).split('\n').filter(Boolean).length === 4, 'the CSV report should have a header and 3 lines');
  await shot('07-batch.png');
  await axe('batch');
});

await scenario('machines, training and validation pages', async () => {
  await go('machines');
  await page.fill('#m-search', 'pump_ui_e2e');
  await page.getByText('1 of').waitFor();
  await page.getByRole('button', { name: 'Open pump_ui_e2e_001' }).click();
  await page.getByRole('heading', { name: /Profile versions of pump_ui_e2e_001/ }).waitFor();
  await page.fill('#m-search', '');
  await shot('08-machines.png');
  await axe('machines');
  await go('training');
  await page.getByRole('img', { name: /Loss curve of the training/ }).waitFor();
  await shot('09-training.png');
  await axe('training');
  await go('validation');
  await page.getByRole('img', { name: /Quality score of/ }).waitFor();
  await page.getByRole('button', { name: 'Report of pump_ui_e2e_001' }).click();
  await page.getByLabel('Quality report').waitFor();
  // the seed service wrote the seed's holdout, and the report's RUL regressors were tested on it
  await page.getByLabel('Quality report').getByText(/tested on unseen cycles/).waitFor();
  await shot('10-validation.png');
  await axe('validation');
});

await scenario('small screens (320 px)', async () => {
  await page.setViewportSize({ width: 320, height: 720 });
  await go('overview');
  await page.waitForSelector('.machine-card');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `the overview scrolls sideways by ${overflow} px at 320 px`);
  await shot('11-overview-320.png', false);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'New machine' }).waitFor();
  await shot('12-menu-320.png', false);
  await go('wizard');
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow2 <= 0, `the wizard scrolls sideways by ${overflow2} px at 320 px`);
  await shot('13-wizard-320.png', false);
  await axe('overview (320 px)');
});

await context.close();
rmSync(profileDir, { recursive: true, force: true });
console.log('\nscenarios:');
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  ${r.s.toFixed(1)} s${r.error ? '  — ' + r.error : ''}`);
console.log('accessibility (axe-core): ' + a11y.map((a) => `${a.page}: ${a.violations} violations, ${a.serious} serious/critical`).join('; '));
if (consoleErrors.length) console.log('browser console errors:\n  ' + consoleErrors.slice(0, 20).join('\n  '));
console.log(`screenshots in ${shots}; ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
