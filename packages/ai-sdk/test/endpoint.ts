/** A local PostHog endpoint and real posthog-node clients for the suites. */
import { LLMAnalytics } from '@llm-analytics/core';
import { type CaptureServer, createTestPostHog, startCaptureServer } from '@llm-analytics/test-utils';
import type { PostHog } from 'posthog-node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export interface Endpoint {
  server: CaptureServer;
  /** A real posthog-node client pointed at the endpoint; shut down after the test. */
  client(options?: Parameters<typeof createTestPostHog>[1]): PostHog;
  /** An `LLMAnalytics` over a fresh client. */
  analytics(options?: Omit<ConstructorParameters<typeof LLMAnalytics>[0], 'client'>): LLMAnalytics;
}

/** Start one endpoint for the file; clear it before each test; shut the test's clients down after it. */
export function useEndpoint(): Endpoint {
  const clients: PostHog[] = [];
  const endpoint = {} as Endpoint;
  beforeAll(async () => {
    endpoint.server = await startCaptureServer();
  });
  afterAll(() => endpoint.server.close());
  beforeEach(() => endpoint.server.clear());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.shutdown()));
  });
  endpoint.client = (options) => {
    const client = createTestPostHog(endpoint.server.url, options);
    clients.push(client);
    return client;
  };
  endpoint.analytics = (options) => new LLMAnalytics({ ...options, client: endpoint.client() });
  return endpoint;
}
