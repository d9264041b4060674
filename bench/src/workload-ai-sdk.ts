/** The AI SDK workloads. */
import { generateText, streamText } from 'ai';
import type { AiSdkInstrumentation } from './columns';
import { instantLanguageModel } from './fakes-ai-sdk';
import type { Call, WorkloadName } from './workloads';

/** Build the call for an AI SDK workload. */
export async function prepareAiSdk(name: WorkloadName, instrumentation: AiSdkInstrumentation): Promise<Call> {
  switch (name) {
    case 'ai-generate':
    case 'memory-ai': {
      const model = instrumentation.languageModel(instantLanguageModel());
      return async (index) => {
        await generateText({ model, prompt: `question ${index}`, maxRetries: 0 });
        return undefined;
      };
    }
    case 'ai-stream': {
      const model = instrumentation.languageModel(instantLanguageModel(200));
      return async (index) => {
        const started = performance.now();
        const result = streamText({ model, prompt: `question ${index}`, maxRetries: 0 });
        let firstChunk: number | undefined;
        for await (const _delta of result.textStream) {
          if (firstChunk === undefined) firstChunk = performance.now() - started;
        }
        return firstChunk;
      };
    }
    default:
      throw new Error(`${name} is not an AI SDK workload`);
  }
}
