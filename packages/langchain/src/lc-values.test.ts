import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ChatPromptValue, StringPromptValue } from '@langchain/core/prompt_values';
import { describe, expect, it } from 'vitest';
import { parseToolInput, toolOutputValue, toStateValue } from './lc-values';

describe('toStateValue', () => {
  it('unwraps prompt values and leaves messages for core', () => {
    const messages = [new HumanMessage('hi')];
    expect(toStateValue(new ChatPromptValue(messages))).toBe(messages);
    expect(toStateValue(new StringPromptValue('text'))).toBe('text');
    const message = new AIMessage('a');
    expect(toStateValue({ nested: [message] })).toEqual({ nested: [message] });
  });

  it('copies only what it changes', () => {
    const plain = { a: 1, b: [1, 2] };
    expect(toStateValue(plain)).toBe(plain);
    const changed = toStateValue({ a: 1, prompt: new StringPromptValue('x') });
    expect(changed).toEqual({ a: 1, prompt: 'x' });
  });

  it('survives cycles through its depth limit', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toStateValue(cyclic)).not.toThrow();
  });
});

describe('tool values', () => {
  it('parses JSON arguments and keeps other strings', () => {
    expect(parseToolInput('{"city":"Paris"}')).toEqual({ city: 'Paris' });
    expect(parseToolInput('plain text')).toBe('plain text');
    expect(parseToolInput('{not json')).toBe('{not json');
  });

  it('reports a ToolMessage result as its content', () => {
    expect(toolOutputValue(new ToolMessage({ content: 'done', tool_call_id: 'c1' }))).toBe('done');
    expect(toolOutputValue({ ok: true })).toEqual({ ok: true });
  });
});
