import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

/**
 * The tests that use @langchain/core alone, run against the lowest supported version (1.0.0,
 * installed as the `langchain-core-lowest` alias): every `@langchain/core/*` import, ours and
 * the tests', resolves to it.
 */
export default defineProject({
  resolve: {
    conditions: sourceConditions,
    alias: [{ find: /^@langchain\/core(?=\/|$)/, replacement: 'langchain-core-lowest' }],
  },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'langchain-lowest',
    env: { EXPECTED_LANGCHAIN_CORE: '1.0.0' },
    include: ['test/chain.test.ts', 'test/lowest-version.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
