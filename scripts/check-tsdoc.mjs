// Every public export of every publishable package carries TSDoc: walks each package's
// src/index.ts with the TypeScript compiler and lists exports whose declaration has none.
import { existsSync, readdirSync } from 'node:fs';
import ts from 'typescript';

const root = new URL('../packages/', import.meta.url);
const entries = [];
for (const name of readdirSync(root)) {
  const manifest = new URL(`${name}/package.json`, root);
  if (!existsSync(manifest)) continue;
  const pkg = (await import(manifest, { with: { type: 'json' } })).default;
  if (pkg.private) continue;
  for (const target of Object.values(pkg.exports ?? {})) {
    const source = typeof target === 'object' ? target['@llm-analytics/source'] : undefined;
    if (source) entries.push(new URL(`${name}/${source}`, root).pathname);
  }
}
const program = ts.createProgram(entries, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  customConditions: ['@llm-analytics/source'],
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();
const missing = [];
let checked = 0;
for (const entry of entries) {
  const file = program.getSourceFile(entry);
  const moduleSymbol = file && checker.getSymbolAtLocation(file);
  if (!moduleSymbol) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const documented =
      symbol.getDocumentationComment(checker).length > 0 ||
      (symbol.declarations ?? []).some((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0);
    checked++;
    if (!documented) missing.push(`${entry.replace(/.*packages\//, '')}: ${exported.name}`);
  }
}
if (missing.length > 0) {
  console.error(`Exports without TSDoc:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`TSDoc: all ${checked} exports of ${entries.length} entry points are documented`);
