import type { PostHog } from 'posthog-node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type CaptureServer, startCaptureServer } from './capture-server';
import { createTestPostHog } from './posthog';

/** One local endpoint for a test file, and real posthog-node clients pointed at it. */
export interface CaptureEndpoint {
  /** The endpoint (started before the file's tests, cleared before each test). */
  readonly server: CaptureServer;
  /** A real posthog-node client for the endpoint, shut down (flushed) after the test. */
  client(options?: Parameters<typeof createTestPostHog>[1]): PostHog;
}

/**
 * Register the vitest hooks of a file that checks events at a local endpoint: start it once,
 * clear it before each test, shut the test's clients down after it, close it at the end.
 */
export function useCaptureEndpoint(): CaptureEndpoint {
  let server: CaptureServer | undefined;
  const clients: PostHog[] = [];
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.clear());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.shutdown()));
  });
  return {
    get server() {
      if (!server) throw new Error('the capture endpoint starts in beforeAll');
      return server;
    },
    client(options) {
      const client = createTestPostHog(this.server.url, options);
      clients.push(client);
      return client;
    },
  };
}
