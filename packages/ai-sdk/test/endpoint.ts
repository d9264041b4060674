/** A local PostHog endpoint and real posthog-node clients for the suites. */
import { LLMAnalytics } from '@llm-analytics/core';
import { type CaptureEndpoint, useCaptureEndpoint } from '@llm-analytics/test-utils';

export interface Endpoint extends CaptureEndpoint {
  /** An `LLMAnalytics` over a fresh client. */
  analytics(options?: Omit<ConstructorParameters<typeof LLMAnalytics>[0], 'client'>): LLMAnalytics;
}

/** The shared endpoint hooks, plus an `LLMAnalytics` factory. */
export function useEndpoint(): Endpoint {
  const endpoint = useCaptureEndpoint();
  return {
    get server() {
      return endpoint.server;
    },
    client: (options) => endpoint.client(options),
    analytics: (options) => new LLMAnalytics({ ...options, client: endpoint.client() }),
  };
}
