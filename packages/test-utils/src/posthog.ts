import { PostHog, type PostHogOptions } from 'posthog-node';

/**
 * A real posthog-node client pointed at a local endpoint, sending every event at once
 * (`flushAt: 1`) unless told otherwise.
 */
export function createTestPostHog(url: string, options: Partial<PostHogOptions> = {}): PostHog {
  return new PostHog('phc_test_key', {
    host: url,
    flushAt: 1,
    flushInterval: 0,
    fetchRetryCount: 0,
    requestTimeout: 2_000,
    disableGeoip: false,
    ...options,
  });
}
