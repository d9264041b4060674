/**
 * Type test: the one middleware object is accepted by `wrapLanguageModel` of ai 5, 6 and 7
 * (type-checked by `pnpm typecheck`; vitest does not run this file).
 */
import { wrapLanguageModel as wrap7 } from 'ai';
import { MockLanguageModelV3 as Mock7V3, MockLanguageModelV4 } from 'ai/test';
import { wrapLanguageModel as wrap5 } from 'ai-v5';
import { MockLanguageModelV2 } from 'ai-v5/test';
import { wrapLanguageModel as wrap6 } from 'ai-v6';
import { MockLanguageModelV3 } from 'ai-v6/test';
import { expectTypeOf } from 'vitest';
import { llmAnalyticsMiddleware } from '../src/index';

const middleware = llmAnalyticsMiddleware({ client: { capture() {} } });

const v5 = wrap5({ model: new MockLanguageModelV2(), middleware });
const v6 = wrap6({ model: new MockLanguageModelV3(), middleware });
const v7 = wrap7({ model: new MockLanguageModelV4(), middleware });
const v7FromV3 = wrap7({ model: new Mock7V3(), middleware: [middleware] });

expectTypeOf(v5.specificationVersion).toEqualTypeOf<'v2'>();
expectTypeOf(v6.specificationVersion).toEqualTypeOf<'v3'>();
expectTypeOf(v7.specificationVersion).toEqualTypeOf<'v4'>();
expectTypeOf(v7FromV3.specificationVersion).toEqualTypeOf<'v4'>();
