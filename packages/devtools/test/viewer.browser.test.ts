// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's locator.innerText() is what a person sees, not the DOM property
/**
 * The viewer in a real headless Chromium (Debian's package, driven by playwright-core): what a
 * person sees in the traces list, a trace's tree and a generation's detail. Screenshots go to
 * test-artifacts/ (gitignored) for a human look.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LLMAnalytics } from '@llm-analytics/core';
import { createTestPostHog } from '@llm-analytics/test-utils';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => typeof path === 'string' && path.length > 0,
);
const executablePath = CANDIDATES.find((path) => existsSync(path));
const inCi = process.env.CI === 'true';
const artifacts = join(import.meta.dirname, '..', 'test-artifacts');
const XSS = '<img src=x onerror="window.__xss=1">';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(inCi && !executablePath)('Chromium in CI', () => {
  it('is installed (apt-get install -y chromium)', () => {
    expect.fail(
      `No Chromium at ${CANDIDATES.join(' or ')}: CI must install it with apt-get install -y chromium`,
    );
  });
});

describe.skipIf(!executablePath)(
  executablePath
    ? 'the viewer in headless Chromium'
    : `the viewer in headless Chromium (SKIPPED: no Chromium at ${CANDIDATES.join(' or ')}; install it with apt-get install -y chromium)`,
  () => {
    let dir: string;
    let server: DevServer;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    async function send(fn: (analytics: LLMAnalytics) => Promise<unknown> | unknown): Promise<void> {
      const client = createTestPostHog(server.url, { flushAt: 50, flushInterval: 0 });
      const analytics = new LLMAnalytics({ client });
      await fn(analytics);
      await analytics.shutdown();
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'llm-analytics-viewer-'));
      server = await startDevServer({ port: 0, databasePath: join(dir, 'dev.db') });
      await send(async (analytics) => {
        await analytics.trace(
          {
            name: 'support-chat',
            distinctId: 'alice@example.com',
            sessionId: 'conversation-7',
            input: { question: 'Weather in Paris?' },
          },
          async () => {
            const docs = await analytics.span(
              { name: 'retrieve-docs', type: 'retriever', input: 'Paris weather' },
              async () => {
                analytics.captureEmbedding({
                  model: 'text-embedding-3-small',
                  provider: 'openai',
                  input: 'Paris weather',
                  count: 1,
                  dimensions: 1536,
                  usage: { inputTokens: 3 },
                });
                return [{ pageContent: 'Paris has an oceanic climate.', metadata: { source: 'paris.md' } }];
              },
            );
            const planStarted = Date.now();
            await sleep(60);
            analytics.captureGeneration({
              name: 'plan',
              startTime: planStarted,
              model: 'gpt-4o-mini',
              provider: 'openai',
              input: [
                { role: 'system', content: 'You are a weather assistant.' },
                { role: 'user', content: `Weather in Paris? ${XSS}` },
              ],
              output: {
                role: 'assistant',
                content: null,
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function',
                    function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
                  },
                ],
              },
              tools: [
                {
                  name: 'get_weather',
                  description: 'Current weather for a city',
                  parameters: { type: 'object' },
                },
              ],
              usage: { inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 400, reasoningTokens: 64 },
              modelParameters: { temperature: 0.2, maxOutputTokens: 300 },
              stream: true,
              timeToFirstToken: 0.05,
              stopReason: 'tool_calls',
            });
            await analytics.span(
              { name: 'get_weather', type: 'tool', input: { city: 'Paris' } },
              async () => {
                await sleep(20);
                return { tempC: 18 };
              },
            );
            const answerStarted = Date.now();
            await sleep(30);
            analytics.captureGeneration({
              name: 'answer',
              startTime: answerStarted,
              model: 'gpt-4o-mini',
              provider: 'openai',
              input: [{ role: 'tool', tool_call_id: 'call_1', content: '{"tempC":18}' }],
              output: `It is 18°C in Paris. ${XSS}`,
              usage: { inputTokens: 120, outputTokens: 12 },
            });
            return { answer: '18°C', docs: docs.length };
          },
        );
      });
      await send(async (analytics) => {
        await analytics
          .trace({ name: `broken-pipeline ${XSS}`, distinctId: 'bob' }, async () => {
            analytics.captureGeneration({
              model: 'claude-3-5-haiku',
              provider: 'anthropic',
              input: 'hi',
              error: Object.assign(new Error('Rate limit exceeded'), { status: 429 }),
            });
            throw new Error('pipeline failed');
          })
          .catch(() => {});
      });
      await send((analytics) =>
        analytics.captureGeneration({
          model: 'gpt-4o',
          provider: 'openai',
          input: 'standalone',
          output: 'ok',
        }),
      );

      browser = await chromium.launch({
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      mkdirSync(artifacts, { recursive: true });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('lists the traces with person, session, latency, tokens, cost and errors', async () => {
      await page.goto(server.url);
      const rows = page.locator('table.traces tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      const support = rows.filter({ hasText: 'support-chat' });
      await expect.poll(() => support.count()).toBe(1);
      const cells = await support.locator('td').allInnerTexts();
      expect(cells[1]).toBe('alice@example.com');
      expect(cells[2]).toBe('conversation-7');
      expect(cells[5]).toContain('1,335'); // 1000 + 200 + 3 + 120 + 12 tokens
      expect(cells[6]).toMatch(/^≈ \$0\.000\d+$/);
      expect(cells[7]).toBe('0');
      expect(cells[8]).toBe('2 gen · 1 emb · 2 spans');
      const broken = rows.filter({ hasText: 'broken-pipeline' });
      expect(await broken.locator('.badge.error').innerText()).toBe('2');
      expect(await rows.filter({ hasText: 'pseudo-trace' }).locator('.trace-name').innerText()).toBe(
        'gpt-4o',
      );
      await page.screenshot({ path: join(artifacts, 'viewer-list.png'), fullPage: true });
    });

    it('filters by text and by errors', async () => {
      await page.fill('input.search', 'alice');
      await expect.poll(() => page.locator('table.traces tbody tr').count()).toBe(1);
      await page.fill('input.search', '');
      await expect.poll(() => page.locator('table.traces tbody tr').count()).toBe(3);
      await page.check('label.toggle input');
      await expect.poll(() => page.locator('table.traces tbody tr').count()).toBe(1);
      expect(await page.locator('table.traces tbody tr .trace-name').innerText()).toContain(
        'broken-pipeline',
      );
      await page.uncheck('label.toggle input');
      await expect.poll(() => page.locator('table.traces tbody tr').count()).toBe(3);
    });

    it('shows event content as text, never as markup', async () => {
      const text = await page.locator('table.traces').innerText();
      expect(text).toContain(XSS);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    });

    it('opens a trace as a tree with timings, nested by parent', async () => {
      await page.locator('table.traces tbody tr', { hasText: 'support-chat' }).locator('.trace-name').click();
      const nodes = page.locator('#tree .node');
      await expect.poll(() => nodes.count()).toBe(6);
      const labels = await nodes.evaluateAll((elements) =>
        elements.map((element) => {
          const guide = element.querySelector<HTMLElement>('.guide');
          return `${guide?.style.width} ${element.querySelector('.kind')?.textContent} ${element.querySelector('.node-name')?.textContent}`;
        }),
      );
      expect(labels).toEqual([
        '0px TRACE support-chat',
        '18px SPAN retrieve-docs',
        '36px EMB text-embedding-3-small',
        '18px GEN plan',
        '18px SPAN get_weather',
        '18px GEN answer',
      ]);
      expect(await page.locator('.summary-bar').innerText()).toContain('conversation-7');
      expect(await nodes.first().locator('.dur').innerText()).toMatch(/\d+ ms|\d+\.\d+ s/);
      expect(await page.locator('#detail h2').innerText()).toContain('support-chat');
      expect(await page.locator('#detail').innerText()).toContain('Weather in Paris?');
    });

    it("shows a generation's messages, tool calls, model, parameters, tokens, time to first token and cost", async () => {
      await page.locator('#tree .node', { hasText: 'plan' }).click();
      await expect.poll(() => page.locator('#detail h2').innerText()).toContain('plan');
      const detail = page.locator('#detail');
      await expect.poll(() => detail.locator('.message').count()).toBeGreaterThanOrEqual(3);
      const roles = await detail.locator('.message-head .role').allInnerTexts();
      expect(roles.slice(0, 3).map((role) => role.toLowerCase())).toEqual(['system', 'user', 'assistant']);
      const text = await detail.innerText();
      expect(text).toContain('You are a weather assistant.');
      expect(text).toContain(`Weather in Paris? ${XSS}`);
      expect(await detail.locator('.tool-call .fn').first().innerText()).toBe('get_weather');
      expect(text).toContain('"city": "Paris"');
      const metric = async (label: string) =>
        detail
          .locator('.metric', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) })
          .locator('.value')
          .innerText();
      expect(await metric('Model')).toBe('gpt-4o-mini');
      expect(await metric('Input tokens')).toBe('1,000');
      expect(await metric('Output tokens')).toBe('200');
      expect(await metric('Cache read')).toBe('400');
      expect(await metric('Reasoning tokens')).toBe('64');
      expect(await metric('Time to first token')).toBe('50 ms');
      expect(await metric('Stop reason')).toBe('tool_calls');
      expect(await metric('Cost')).toMatch(/^≈ \$0\.000\d+$/);
      expect(text).toContain('temperature');
      expect(text).toContain('max_tokens');
      expect(page.url()).toMatch(/#\/trace\/[^/]+\/event\/\d+$/);
      expect(await page.locator('img').count()).toBe(0);
      await page.screenshot({ path: join(artifacts, 'viewer-generation.png'), fullPage: true });
    });

    it('shows a failed generation with its error', async () => {
      await page.goto(`${server.url}/#/?errors=1`);
      await page.locator('table.traces tbody tr', { hasText: 'broken-pipeline' }).click();
      await page.locator('#tree .node.error', { hasText: 'claude-3-5-haiku' }).click();
      await expect
        .poll(() => page.locator('#detail .error-box').innerText())
        .toContain('Rate limit exceeded');
      expect(await page.locator('#detail .badge.error').count()).toBe(1);
    });

    it('updates the open list when new traces arrive', async () => {
      await page.goto(server.url);
      await expect.poll(() => page.locator('table.traces tbody tr').count()).toBe(3);
      await send((analytics) => analytics.trace({ name: 'arrived-later' }, () => 'ok'));
      await expect
        .poll(() => page.locator('table.traces tbody tr').first().innerText(), { timeout: 8_000 })
        .toContain('arrived-later');
    });

    it('ran without a script error or a blocked resource', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
