import { defineProject } from 'vitest/config';

/** Settings every package's test project shares: run against `src/` through the source condition. */
// No `module` condition: Node would then load bundler-only ESM builds (`@opentelemetry/api`'s, imported by ai 5 and 6).
export const sourceConditions = ['@llm-analytics/source', 'node', 'import', 'default'];

export function packageProject(name: string, extra: { include?: string[]; testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      name,
      include: extra.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 20_000,
      hookTimeout: 20_000,
    },
  });
}
