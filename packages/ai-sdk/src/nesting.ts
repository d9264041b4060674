import { AsyncLocalStorage } from 'node:async_hooks';

// Set while an instrumented model call runs. A model instrumented twice (the middleware inside
// `wrapLanguageModel`, and `withLLMAnalytics` around the result, or the middleware listed twice)
// would otherwise capture every call twice: the inner layer sees the flag and only passes the
// call through. A model call inside a model call is never a second LLM call of the user's.
const insideModelCall = new AsyncLocalStorage<true>();

/** Whether an instrumented model call is already running up this async call chain. */
export function isInsideModelCall(): boolean {
  return insideModelCall.getStore() === true;
}

/** Run a model call (`doGenerate`, `doStream`, `doEmbed`) marked as instrumented. */
export function runModelCall<R>(call: () => PromiseLike<R>): PromiseLike<R> {
  return insideModelCall.run(true, call);
}
