// Loads every built package from ESM and from CJS, as a user's project would, and checks
// the public names are there. Runs after `pnpm build`.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const expected = {
  '@llm-analytics/core': ['LLMAnalytics', 'normalizeMessages', 'toJsonSafe'],
  '@llm-analytics/core/testing': ['createRecordingClient', 'freezeTimeAndIds'],
  '@llm-analytics/langchain': ['LLMAnalyticsCallbackHandler', 'trackEmbeddings'],
  '@llm-analytics/ai-sdk': [
    'llmAnalyticsMiddleware',
    'llmAnalyticsEmbeddingMiddleware',
    'withLLMAnalytics',
    'traceTools',
  ],
  '@llm-analytics/devtools': ['startDevServer'],
};
const folder = { core: 'core', langchain: 'langchain', 'ai-sdk': 'ai-sdk', devtools: 'devtools' };
let failures = 0;
for (const [specifier, names] of Object.entries(expected)) {
  const pkg = specifier.split('/')[1];
  const dir = new URL(`../packages/${folder[pkg]}/`, import.meta.url);
  if (!existsSync(new URL('dist/', dir))) {
    if (process.env.CI) {
      console.error(`FAIL ${specifier}: not built`);
      failures++;
    } else console.log(`skip ${specifier}: not built`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
  const sub = specifier.split('/').slice(2).join('/');
  const entry = manifest.exports[sub ? `./${sub}` : '.'];
  const file = (condition) => new URL(entry[condition].default, dir);
  const esm = await import(file('import').href);
  const cjs = require(file('require').pathname);
  for (const name of names) {
    for (const [kind, mod] of [
      ['ESM', esm],
      ['CJS', cjs],
    ]) {
      if (mod[name] === undefined) {
        console.error(`FAIL ${specifier} (${kind}) lacks ${name}`);
        failures++;
      }
    }
  }
  console.log(`ok ${specifier}: ESM and CJS export ${names.join(', ')}`);
}
process.exit(failures ? 1 : 0);
