import { describe, expect, it } from 'vitest';
import { StreamRecorder } from './stream-recorder';

const clock = () => 42;

describe('StreamRecorder', () => {
  it('keeps text, reasoning and tool calls in order, and the first content time', () => {
    const recorder = new StreamRecorder();
    for (const part of [
      { type: 'stream-start' },
      { type: 'response-metadata', modelId: 'gpt-x' },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'a' },
      { type: 'text-delta', id: 't', delta: 'b' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' },
      { type: 'finish', usage: { inputTokens: 1 }, finishReason: 'stop' },
    ])
      recorder.observe(part, clock);
    expect(recorder.firstContentAt).toBe(42);
    expect(recorder.responseModel).toBe('gpt-x');
    expect(recorder.finishReason).toBe('stop');
    expect(recorder.toolCalls).toEqual([{ toolCallId: 'c1', toolName: 'f' }]);
    expect(recorder.output()).toEqual([
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'ab' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' },
    ]);
  });

  it('keeps a tool call cut mid-way with the arguments received so far', () => {
    const recorder = new StreamRecorder();
    recorder.observe({ type: 'tool-input-start', id: 'c2', toolName: 'search' }, clock);
    recorder.observe({ type: 'tool-input-delta', id: 'c2', delta: '{"q":"ca' }, clock);
    expect(recorder.output()).toEqual([
      { type: 'tool-call', toolCallId: 'c2', toolName: 'search', input: '{"q":"ca' },
    ]);
  });

  it('gives text-only output as one string, separate text blocks joined', () => {
    const recorder = new StreamRecorder();
    recorder.observe({ type: 'text-delta', id: '1', delta: 'one ' }, clock);
    recorder.observe({ type: 'text-end', id: '1' }, clock);
    recorder.observe({ type: 'text-start', id: '1' }, clock);
    recorder.observe({ type: 'text-delta', id: '1', delta: 'two' }, clock);
    expect(recorder.output()).toBe('one two');
  });

  it('reads the clock only for the first content part', () => {
    let reads = 0;
    const counting = () => ++reads;
    const recorder = new StreamRecorder();
    for (let i = 0; i < 1000; i++) recorder.observe({ type: 'text-delta', id: 't', delta: 'x' }, counting);
    expect(reads).toBe(1);
    expect(recorder.output()).toBe('x'.repeat(1000));
  });
});
