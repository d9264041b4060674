import { defineConfig } from 'vitest/config';
import { sourceConditions } from './vitest.shared.ts';

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    projects: ['packages/*/vitest*.config.ts', 'examples/vitest.config.ts', 'bench/vitest.config.ts'],
  },
});
