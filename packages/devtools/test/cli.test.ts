import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LLMAnalytics } from '@llm-analytics/core';
import { createTestPostHog } from '@llm-analytics/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../src/cli-program';
import { type DevServer, startDevServer } from '../src/index';

let dir: string;
const servers: DevServer[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'llm-analytics-cli-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

function bufferIo(signal?: AbortSignal): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    cwd: dir,
    color: false,
    signal,
    out: () => out,
    err: () => err,
  };
}

async function serverWithTrace(name = 'cli-trace'): Promise<DevServer> {
  const server = await startDevServer({ port: 0, databasePath: join(dir, 'dev.db') });
  servers.push(server);
  await sendTrace(server, name);
  return server;
}

async function sendTrace(server: DevServer, name: string): Promise<void> {
  const client = createTestPostHog(server.url, { flushAt: 20 });
  const analytics = new LLMAnalytics({ client });
  await analytics.trace({ name, distinctId: 'cli-user' }, async () => {
    await analytics.span({ name: 'step', type: 'chain' }, () => {
      analytics.captureGeneration({
        model: 'gpt-4o-mini',
        provider: 'openai',
        input: 'hi',
        output: 'hello',
        usage: { inputTokens: 10, outputTokens: 5 },
      });
    });
  });
  await analytics.shutdown();
}

describe('llm-analytics', () => {
  it('prints help, and refuses unknown commands and options with exit code 2', async () => {
    const help = bufferIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out()).toContain('llm-analytics dev');
    expect(help.out()).toContain('llm-analytics traces');
    expect(help.out()).toContain('llm-analytics tail');

    const unknown = bufferIo();
    expect(await runCli(['deploy'], unknown)).toBe(2);
    expect(unknown.err()).toContain('Unknown command "deploy"');

    const badOption = bufferIo();
    expect(await runCli(['traces', '--colour'], badOption)).toBe(2);
    expect(badOption.err()).toMatch(/Unknown option '--colour'/);

    const badPort = bufferIo();
    expect(await runCli(['dev', '--port', 'eighty'], badPort)).toBe(2);
    expect(badPort.err()).toContain('--port must be a number');
  });

  it('dev: says the port is taken, and which, with exit code 1', async () => {
    const server = await serverWithTrace();
    const io = bufferIo();
    expect(await runCli(['dev', '--port', String(server.port), '--db', 'other.db'], io)).toBe(1);
    expect(io.err()).toContain(`Port ${server.port} on 127.0.0.1 is already in use`);
    expect(io.err()).toContain('Pass another port, or 0 for a free one');
  });

  it('dev: serves until stopped, at the printed URL', async () => {
    const controller = new AbortController();
    const io = bufferIo(controller.signal);
    const running = runCli(['dev', '--port', '0', '--db', 'served.db'], io);
    await expect.poll(() => io.out()).toContain('Viewer');
    const url = /Viewer\s+(http:\/\/\S+)/.exec(io.out())?.[1];
    expect((await fetch(`${url}/api/status`)).status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/api/status`)).rejects.toThrow();
  });

  it('dev and traces: explain a corrupt database instead of crashing', async () => {
    writeFileSync(join(dir, 'corrupt.db'), 'garbage, not SQLite '.repeat(100));
    const dev = bufferIo();
    expect(await runCli(['dev', '--port', '0', '--db', 'corrupt.db'], dev)).toBe(1);
    expect(dev.err()).toMatch(/corrupt\.db is not a readable SQLite database .*Move it aside/);
    const io = bufferIo();
    expect(await runCli(['traces', '--db', 'corrupt.db'], io)).toBe(1);
    expect(io.err()).toMatch(/corrupt\.db is not a readable SQLite database .*Move it aside/);
  });

  it('traces: explains a missing database, and an unreadable one', async () => {
    const missing = bufferIo();
    expect(await runCli(['traces', '--db', 'nowhere.db'], missing)).toBe(1);
    expect(missing.err()).toContain('No database at');
    expect(missing.err()).toContain('llm-analytics dev');

    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.db');
      writeFileSync(locked, '');
      spawnSync('chmod', ['000', locked]);
      const io = bufferIo();
      expect(await runCli(['traces', '--db', locked], io)).toBe(1);
      expect(io.err()).toContain('Cannot open the database');
    }
  });

  it('traces: prints the recent trace trees, and one trace as JSON', async () => {
    const server = await serverWithTrace('first');
    await sendTrace(server, 'second');
    const io = bufferIo();
    expect(await runCli(['traces', '--db', 'dev.db'], io)).toBe(0);
    const text = io.out();
    expect(text.indexOf('first')).toBeLessThan(text.indexOf('second'));
    expect(text).toMatch(/first {2}trace \S+ {2}person cli-user/);
    expect(text).toContain('└─ span  step');
    expect(text).toMatch(/ {3}└─ gen {3}gpt-4o-mini .*10 → 5 tok · ≈ \$0\.0000/);

    const limited = bufferIo();
    expect(await runCli(['traces', '--db', 'dev.db', '-n', '1'], limited)).toBe(0);
    expect(limited.out()).not.toContain('first');

    const traceId = server.store.listTraces()[0]!.traceId;
    const json = bufferIo();
    expect(await runCli(['traces', '--db', 'dev.db', '--trace', traceId, '--json'], json)).toBe(0);
    expect(JSON.parse(json.out())[0].summary).toMatchObject({ name: 'second', events: 3 });

    const unknownTrace = bufferIo();
    expect(await runCli(['traces', '--db', 'dev.db', '--trace', 'nope'], unknownTrace)).toBe(1);
    expect(unknownTrace.err()).toContain('no trace nope');
  });

  it('tail: prints each new trace once it is complete', async () => {
    const server = await serverWithTrace('before-tail');
    const controller = new AbortController();
    const io = bufferIo(controller.signal);
    const running = runCli(['tail', '--db', 'dev.db', '--interval', '50'], io);
    await expect.poll(() => io.out()).toContain('Following');
    await sendTrace(server, 'during-tail');
    await expect.poll(() => io.out(), { timeout: 5_000 }).toContain('during-tail');
    controller.abort();
    expect(await running).toBe(0);
    expect(io.out()).not.toContain('before-tail');
    expect(io.out().match(/during-tail/g)).toHaveLength(1);
  });

  it('runs as a real process: exit code and message on stderr', () => {
    const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@llm-analytics/source',
        cli,
        'traces',
        '--db',
        join(dir, 'absent.db'),
      ],
      // From the package, so `--import tsx` resolves the workspace's tsx.
      { encoding: 'utf8', cwd: join(import.meta.dirname, '..'), timeout: 15_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('llm-analytics: No database at');
  });
});
