import { mergeIdentity } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { identityFromMetadata, traceIdFromMetadata } from './metadata';

describe('identityFromMetadata', () => {
  it('reads the documented keys, first session key set wins', () => {
    expect(
      identityFromMetadata({
        distinct_id: 'u1',
        conversation_id: 'c1',
        thread_id: 't1',
        posthog_properties: { plan: 'pro' },
        posthog_groups: { company: 'acme', bad: { nested: true } },
        privacy_mode: true,
        langgraph_node: 'agent',
      }),
    ).toEqual({
      distinctId: 'u1',
      sessionId: 'c1',
      properties: { plan: 'pro' },
      groups: { company: 'acme' },
      privacyMode: true,
    });
    expect(identityFromMetadata({ thread_id: 42 })).toEqual({ sessionId: '42' });
    expect(identityFromMetadata({ distinct_id: '', privacy_mode: 'yes' })).toEqual({});
    expect(identityFromMetadata(undefined)).toEqual({});
  });

  it('merges with the call winning, privacy only switched on', () => {
    expect(
      mergeIdentity(
        { distinctId: 'default', properties: { a: 1 }, privacyMode: true },
        { distinctId: 'call', properties: { b: 2 } },
      ),
    ).toEqual({ distinctId: 'call', properties: { a: 1, b: 2 }, privacyMode: true });
  });

  it('reads a per-call trace id', () => {
    expect(traceIdFromMetadata({ posthog_trace_id: 'abc' })).toBe('abc');
    expect(traceIdFromMetadata({})).toBeUndefined();
  });
});
