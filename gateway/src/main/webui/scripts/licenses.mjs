// Lists every installed package's license from package-lock.json and fails on one outside the allowed set.
// Three dev-only exceptions, never part of the built dashboard: axe-core (MPL-2.0, the accessibility check),
// caniuse-lite (CC-BY-4.0 browser data read by the build's Babel preset) and argparse (Python-2.0, the
// PSF licence, under ESLint's js-yaml).
import { readFileSync } from 'node:fs';

const allowed = /^(MIT|ISC|Apache-2\.0|BSD|BSD-2-Clause|BSD-3-Clause|0BSD|MIT-0|BlueOak-1\.0\.0|CC0-1\.0|Unlicense)$/;
const testOnly = new Set(['axe-core', 'caniuse-lite', 'argparse']);
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const byLicense = new Map();
const bad = [];
for (const [path, pkg] of Object.entries(lock.packages)) {
  if (!path) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  let license = pkg.license;
  if (!license) {
    try {
      const own = JSON.parse(readFileSync(new URL(`../${path}/package.json`, import.meta.url), 'utf8'));
      // older packages name theirs in a `licenses` list ({type, url})
      license = own.license ?? own.licenses?.map((l) => l.type).join(' OR ');
    } catch {
      license = undefined;
    }
  }
  const text = typeof license === 'string' ? license : JSON.stringify(license);
  const parts = (text ?? 'UNKNOWN').replace(/[()]/g, '').split(/ OR | AND /);
  const ok = text && (text.includes(' OR ') ? parts.some((p) => allowed.test(p)) : parts.every((p) => allowed.test(p)));
  if (!ok && !(testOnly.has(name) && pkg.dev)) bad.push(`${name}@${pkg.version}: ${text}`);
  byLicense.set(text, (byLicense.get(text) ?? 0) + 1);
}
for (const [l, n] of [...byLicense].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(4)}  ${l}`);
if (bad.length) {
  console.error('not allowed:\n  ' + bad.join('\n  '));
  process.exit(1);
}
