/**
 * Test helpers for users' own tests: a client that records what would be sent, and switches
 * that freeze time and ids so event payloads can be compared exactly.
 */
import { setClock } from './clock';
import type { AiEventName } from './constants';
import { setIdGenerator } from './ids';
import type { AnalyticsClient, CaptureMessage } from './llm-analytics';

/** A client that keeps every captured message in memory instead of sending it. */
export interface RecordingClient extends AnalyticsClient {
  /** Every message captured, in order. */
  readonly messages: CaptureMessage[];
  /** The messages of one event name. */
  eventsNamed(event: AiEventName): CaptureMessage[];
  /** Forget everything recorded. */
  clear(): void;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * A client for tests: pass it as `client` and read `messages`.
 * @param options.privacyMode - behave like a posthog-node client created with `privacyMode`
 * @example
 * ```ts
 * const client = createRecordingClient();
 * const analytics = new LLMAnalytics({ client });
 * analytics.captureGeneration({ model: 'gpt-4o', input: 'hi', output: 'hello' });
 * expect(client.eventsNamed('$ai_generation')).toHaveLength(1);
 * ```
 */
export function createRecordingClient(options: { privacyMode?: boolean } = {}): RecordingClient {
  const messages: CaptureMessage[] = [];
  return {
    messages,
    privacyMode: options.privacyMode === true,
    capture(message) {
      messages.push(structuredClone(message));
    },
    eventsNamed(event) {
      return messages.filter((message) => message.event === event);
    },
    clear() {
      messages.length = 0;
    },
    async flush() {},
    async shutdown() {},
  };
}

/**
 * Make ids and time deterministic: ids become `id-1`, `id-2`, …; the clock starts at `startTime`
 * and moves `stepMs` every time it is read. Returns a function that restores both.
 * @param options.startTime - first clock reading, epoch ms (default `1_700_000_000_000`)
 * @param options.stepMs - how far each reading advances (default `100`)
 */
export function freezeTimeAndIds(
  options: { startTime?: number; stepMs?: number; idPrefix?: string } = {},
): () => void {
  let id = 0;
  let time = options.startTime ?? 1_700_000_000_000;
  const step = options.stepMs ?? 100;
  const prefix = options.idPrefix ?? 'id-';
  setIdGenerator(() => `${prefix}${++id}`);
  setClock(() => {
    const current = time;
    time += step;
    return current;
  });
  return () => {
    setIdGenerator();
    setClock();
  };
}

export type { Clock } from './clock';
export type { IdGenerator } from './ids';
export { setClock, setIdGenerator };
