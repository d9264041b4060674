import { describe, expect, it } from 'vitest';
import type { JsonValue } from './json-safe';
import { fitToBudget } from './size-budget';

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('fitToBudget', () => {
  it('leaves small events untouched', () => {
    const properties = { $ai_input: [{ role: 'user', content: 'hi' }] };
    const result = fitToBudget(properties, 1000);
    expect(result.properties).toBe(properties);
    expect(result.truncated).toBe(false);
    expect(result.bytes).toBeGreaterThanOrEqual(size(properties));
  });

  it('measures exactly an event too big for the cheap bound but under budget, and leaves it alone', () => {
    const properties = { $ai_input: [{ role: 'user', content: 'y'.repeat(900) }] };
    const result = fitToBudget(properties, 1000);
    expect(result).toEqual({ properties, bytes: size(properties), truncated: false });
  });

  it('cuts the longest strings to a common length with a marker', () => {
    const properties: Record<string, JsonValue> = {
      $ai_trace_id: 't',
      $ai_input: [
        { role: 'system', content: 's'.repeat(2000) },
        { role: 'user', content: 'u'.repeat(3_000_000) },
      ],
      $ai_output_choices: [{ role: 'assistant', content: 'short answer' }],
    };
    const result = fitToBudget(properties, 100_000);
    expect(result.truncated).toBe(true);
    expect(size(result.properties)).toBeLessThanOrEqual(100_000);
    const input = result.properties.$ai_input as Array<{ content: string }>;
    expect(input[0]!.content).toBe('s'.repeat(2000));
    expect(input[1]!.content).toMatch(/… \[truncated \d+ bytes\]$/);
    expect(result.properties.$ai_output_choices).toEqual([{ role: 'assistant', content: 'short answer' }]);
    expect(result.properties.$ai_truncated).toBe(true);
  });

  it('then drops the oldest non-system messages behind a placeholder', () => {
    const messages: JsonValue[] = [{ role: 'system', content: 'rules' }];
    for (let i = 0; i < 2000; i++)
      messages.push({ role: i % 2 ? 'assistant' : 'user', content: `message ${i} ${'x'.repeat(400)}` });
    const result = fitToBudget({ $ai_input: messages }, 200_000);
    const input = result.properties.$ai_input as Array<{ role: string; content: string }>;
    expect(size(result.properties)).toBeLessThanOrEqual(200_000);
    expect(input[0]).toEqual({ role: 'system', content: 'rules' });
    expect(input[1]!.content).toMatch(/^\[\d+ earlier messages dropped to fit the event size limit\]$/);
    expect(input.at(-1)!.content).toContain('message 1999');
  });

  it('as a last resort replaces whole fields, never dropping the event', () => {
    const many: Record<string, JsonValue> = {};
    for (let i = 0; i < 5000; i++) many[`k${i}`] = i;
    const result = fitToBudget({ $ai_trace_id: 't', $ai_input_state: many }, 20_000);
    expect(size(result.properties)).toBeLessThanOrEqual(20_000);
    expect(result.properties.$ai_trace_id).toBe('t');
    expect(result.properties.$ai_input_state).toMatch(/^\[removed: \d+ bytes over the event size limit\]$/);
  });

  it('fits multi-byte text too', () => {
    const result = fitToBudget({ $ai_input: [{ role: 'user', content: '日本語'.repeat(200_000) }] }, 50_000);
    expect(size(result.properties)).toBeLessThanOrEqual(50_000);
  });
});
