// Type tests of the public options: checked by `pnpm typecheck` (tsc), not run.
import { PostHog } from 'posthog-node';
import { expectTypeOf } from 'vitest';
import { type CaptureMessage, LLMAnalytics, type LLMAnalyticsOptions } from './index';

// A posthog-node client is a valid client, with no cast.
new LLMAnalytics({ client: new PostHog('phc_key') });

// Any object with capture() is too.
new LLMAnalytics({ client: { capture: (_message: CaptureMessage) => {} } });

// @ts-expect-error a client is required
new LLMAnalytics({});

// @ts-expect-error privacyMode is a boolean
new LLMAnalytics({ client: new PostHog('k'), privacyMode: 'yes' });

// redact returns the message or null
const redact: NonNullable<LLMAnalyticsOptions['redact']> = (message) =>
  message.event === '$ai_trace' ? null : message;
void redact;

// trace() and span() return exactly what the function returns.
declare const analytics: LLMAnalytics;
expectTypeOf(analytics.trace({ name: 't' }, async () => 42)).toEqualTypeOf<Promise<number>>();
expectTypeOf(analytics.span({ type: 'tool' }, () => 'x')).toEqualTypeOf<string>();

// @ts-expect-error unknown span type
analytics.span({ type: 'database' }, () => 1);

// usage fields are numbers
// @ts-expect-error inputTokens is a number
analytics.captureGeneration({ model: 'm', usage: { inputTokens: '10' } });
