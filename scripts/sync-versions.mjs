// After `changeset version`, write each publishable package's version into its src/version.ts,
// so `$ai_lib_version` always names the version that was published.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../packages/', import.meta.url);
for (const name of readdirSync(root)) {
  const manifestUrl = new URL(`${name}/package.json`, root);
  const versionUrl = new URL(`${name}/src/version.ts`, root);
  if (!existsSync(manifestUrl) || !existsSync(versionUrl)) continue;
  const { version, name: packageName } = JSON.parse(readFileSync(manifestUrl, 'utf8'));
  const source = readFileSync(versionUrl, 'utf8');
  const next = source.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
  if (next !== source) {
    writeFileSync(versionUrl, next);
    console.log(`${packageName}: VERSION = ${version}`);
  }
}
