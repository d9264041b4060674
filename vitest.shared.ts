import { defineProject } from 'vitest/config';

/** Settings every package's test project shares: run against `src/` through the source condition. */
export const sourceConditions = ['@llm-analytics/source', 'module', 'node', 'import', 'default'];

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
