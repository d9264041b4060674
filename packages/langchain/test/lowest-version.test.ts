/**
 * Proves which @langchain/core a project runs against: the lowest-version project resolves the
 * `langchain-core-lowest` alias (1.0.0), the main project the mirrored dev dependency (1.4.0).
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import corePackage from '@langchain/core/package.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { LLMAnalyticsCallbackHandler } from '../src/index';

describe('the @langchain/core under test', () => {
  it('is the expected version, and the one the handler extends', () => {
    expect(corePackage.version).toBe(process.env.EXPECTED_LANGCHAIN_CORE ?? '1.4.0');
    const handler = new LLMAnalyticsCallbackHandler({ client: { capture() {} } });
    expect(handler).toBeInstanceOf(BaseCallbackHandler);
  });
});
