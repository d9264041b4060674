import { describe, expect, it } from 'vitest';
import { normalizeMessages, normalizeOutput } from './messages';

class FakeLangChainMessage {
  lc_kwargs: Record<string, unknown>;
  lc_namespace = ['langchain_core', 'messages'];
  constructor(
    private readonly kind: string,
    public content: unknown,
    extra: Record<string, unknown> = {},
  ) {
    Object.assign(this, extra);
    this.lc_kwargs = { content, ...extra };
  }
  _getType() {
    return this.kind;
  }
}

describe('normalizeMessages', () => {
  it('turns a string into one user message', () => {
    expect(normalizeMessages('hi')).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('moves system messages first, keeping the order of the rest', () => {
    const out = normalizeMessages([
      { role: 'user', content: 'a' },
      { role: 'system', content: 's' },
      { role: 'assistant', content: 'b' },
    ]);
    expect(out.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('converts an AI SDK prompt: files and images redacted, tool calls and results with ids', () => {
    const png = new Uint8Array(48_213);
    const out = normalizeMessages([
      { role: 'system', content: 'be nice' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'file', data: png, mediaType: 'image/png' },
          { type: 'image', image: new URL('https://example.com/cat.png') },
          {
            type: 'file',
            data: `data:application/pdf;base64,${'QUJD'.repeat(100)}`,
            mediaType: 'application/pdf',
            filename: 'a.pdf',
          },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'text', text: 'let me check' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: { q: 'cat' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'lookup',
            output: { type: 'json', value: { found: true } },
          },
        ],
      },
    ]);
    expect(out).toEqual([
      { role: 'system', content: 'be nice' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'file', file: '[binary image/png redacted: 48213 bytes]', media_type: 'image/png' },
          { type: 'image', image: 'https://example.com/cat.png' },
          {
            type: 'file',
            file: '[base64 application/pdf redacted: 300 bytes]',
            media_type: 'application/pdf',
            filename: 'a.pdf',
          },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'text', text: 'let me check' },
          { type: 'function', id: 'call_1', function: { name: 'lookup', arguments: '{"q":"cat"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', name: 'lookup', content: '{"found":true}' },
    ]);
  });

  it('converts OpenAI messages with tool_calls and image_url', () => {
    const out = normalizeMessages([
      {
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } }],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
    ]);
    expect(out).toEqual([
      { role: 'user', content: [{ type: 'image', image: '[base64 image/jpeg redacted: 6 bytes]' }] },
      {
        role: 'assistant',
        content: [{ type: 'function', id: 'c1', function: { name: 'f', arguments: '{"x":1}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
    ]);
  });

  it('converts LangChain message instances without dumping lc_kwargs', () => {
    const out = normalizeMessages([
      [
        new FakeLangChainMessage('system', 'sys'),
        new FakeLangChainMessage('human', 'hello'),
        new FakeLangChainMessage('ai', '', {
          tool_calls: [{ id: 't1', name: 'search', args: { q: 'x' } }],
          additional_kwargs: {},
        }),
        new FakeLangChainMessage('tool', 'result', { tool_call_id: 't1' }),
      ],
    ]);
    expect(out).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hello' },
      {
        role: 'assistant',
        content: [{ type: 'function', id: 't1', function: { name: 'search', arguments: '{"q":"x"}' } }],
      },
      { role: 'tool', tool_call_id: 't1', content: 'result' },
    ]);
    expect(JSON.stringify(out)).not.toContain('lc_');
  });

  it('converts Anthropic content blocks: thinking, tool_use, tool_result, base64 image source', () => {
    const out = normalizeMessages([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm' },
          { type: 'tool_use', id: 'tu1', name: 'calc', input: { a: 1 } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: '2' }] },
    ]);
    expect(out).toEqual([
      { role: 'user', content: [{ type: 'image', image: '[base64 image/png redacted: 8 bytes]' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm' },
          { type: 'function', id: 'tu1', function: { name: 'calc', arguments: '{"a":1}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'tu1', content: '2' },
    ]);
  });
});

describe('normalizeOutput', () => {
  it('treats text as an assistant message and a list of parts as one assistant message', () => {
    expect(normalizeOutput('hello')).toEqual([{ role: 'assistant', content: 'hello' }]);
    expect(
      normalizeOutput([
        { type: 'text', text: 'a' },
        { type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' },
      ]),
    ).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'a' },
          { type: 'function', id: 'c', function: { name: 't', arguments: '{}' } },
        ],
      },
    ]);
  });
});

describe('unreadable input', () => {
  it('never throws: input that throws when read becomes one message keeping what can be read', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const getter = Object.defineProperty({}, 'content', {
      enumerable: true,
      get: () => {
        throw new Error('no reading');
      },
    });
    expect(normalizeMessages(proxy)).toEqual([
      { role: 'user', content: expect.stringMatching(/^\[Unserializable: /) },
    ]);
    expect(normalizeMessages([getter, 'readable'])).toEqual([
      { role: 'user', content: '["[Unserializable: no reading]","readable"]' },
    ]);
    expect(normalizeOutput(proxy)).toEqual([
      { role: 'assistant', content: expect.stringMatching(/^\[Unserializable: /) },
    ]);
  });
});
