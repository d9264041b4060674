import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  tsconfig: 'tsconfig.build.json',
  sourcemap: true,
  clean: true,
  target: 'node18',
  // Only core's constants are used (the event contract's key names): bundled, so the published
  // package depends on no other workspace package at runtime.
  noExternal: ['@llm-analytics/core'],
  // Bundle core from its sources, so tree-shaking keeps the constants and nothing else.
  esbuildOptions(options) {
    options.conditions = ['@llm-analytics/source'];
  },
});
