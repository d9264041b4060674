/**
 * `pnpm demo`: start the local dev server (the embedded default), run every example through a
 * real posthog-node client pointed at it, then print each trace tree from the server's store
 * and say where to see them in the viewer. `pnpm dev` (`--serve`) keeps the viewer running.
 *
 * With POSTHOG_API_KEY set, the same examples send to PostHog instead (POSTHOG_HOST, or
 * PostHog cloud). Without it, nothing leaves this machine.
 */
import { fileURLToPath } from 'node:url';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import {
  DEFAULT_PORT,
  type DevServer,
  DevServerError,
  formatTraceTree,
  startDevServer,
} from '@llm-analytics/devtools';
import { PostHog } from 'posthog-node';
import { examples } from './registry';

const serve = process.argv.includes('--serve');
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[0m` : text);
const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[0m` : text);
const red = (text: string) => (color ? `\u001b[31m${text}\u001b[0m` : text);
const green = (text: string) => (color ? `\u001b[32m${text}\u001b[0m` : text);
const databasePath = fileURLToPath(new URL('../.llm-analytics/dev.db', import.meta.url));

function portFromArgs(): number {
  const index = process.argv.indexOf('--port');
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_PORT;
}

async function startLocalServer(): Promise<DevServer> {
  const port = portFromArgs();
  try {
    return await startDevServer({ port, databasePath });
  } catch (error) {
    if (!(error instanceof DevServerError) || error.code !== 'EADDRINUSE') throw error;
    console.log(dim(`Port ${port} is taken; using a free port instead.`));
    return startDevServer({ port: 0, databasePath });
  }
}

async function runExamples(client: PostHog): Promise<number> {
  let failures = 0;
  for (const example of examples) {
    const started = Date.now();
    try {
      await example.run({ client });
      // LangChain runs callbacks in the background: let them finish before flushing.
      await awaitAllCallbacks();
      await client.flush();
      console.log(
        `${green('✓')} ${bold(example.id)} ${dim(`${example.title} (${Date.now() - started} ms)`)}`,
      );
    } catch (error) {
      failures++;
      console.log(
        `${red('✗')} ${bold(example.id)} ${red(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
      );
    }
  }
  return failures;
}

async function sendToPostHog(apiKey: string): Promise<number> {
  const host = process.env.POSTHOG_HOST ?? 'https://us.i.posthog.com';
  console.log(`Sending the examples' events to PostHog at ${host} (POSTHOG_API_KEY is set).\n`);
  const client = new PostHog(apiKey, { host });
  const failures = await runExamples(client);
  await client.shutdown();
  console.log(`\nOpen LLM analytics → Traces in your PostHog project to see them.`);
  return failures;
}

async function runLocally(): Promise<number> {
  const server = await startLocalServer();
  const cursor = server.store.lastEventId();
  console.log(
    `${bold('llm-analytics demo')} ${dim(`local dev server ${server.url}, database ${server.store.path}`)}\n`,
  );
  const client = new PostHog('phc_llm_analytics_demo', { host: server.url, flushAt: 50, flushInterval: 500 });
  const failures = await runExamples(client);
  await client.shutdown();

  const changed = server.store.tracesChangedSince(cursor);
  console.log(`\n${bold(`${changed.length} trace${changed.length === 1 ? '' : 's'} captured`)}\n`);
  for (const { traceId } of changed) {
    const tree = server.store.getTrace(traceId);
    if (tree) console.log(`${formatTraceTree(tree, { color })}\n`);
  }
  if (changed.length === 0) {
    console.log(red('No events reached the dev server: check the output above.'));
  }

  if (serve) {
    console.log(`${bold('Viewer:')} ${server.url}   ${dim('(Ctrl+C stops it)')}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return failures;
  }
  await server.close();
  console.log(
    `${bold('See them in the viewer:')} run ${bold('pnpm dev')} and open ${server.url.replace(/:\d+$/, `:${DEFAULT_PORT}`)}`,
  );
  console.log(dim(`(the events stay in ${databasePath})`));
  return changed.length === 0 ? failures + 1 : failures;
}

async function main(): Promise<void> {
  const apiKey = process.env.POSTHOG_API_KEY;
  const failures = apiKey ? await sendToPostHog(apiKey) : await runLocally();
  process.exitCode = failures > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(red(`demo failed: ${error instanceof Error ? error.message : String(error)}`));
  process.exitCode = 1;
});
