import type { CaptureSource } from '@llm-analytics/core';
import { VERSION } from './version';

/** `$ai_lib`, `$ai_lib_version` and `$ai_framework` of every event this package captures. */
export const SOURCE: CaptureSource = { lib: '@llm-analytics/ai-sdk', version: VERSION, framework: 'vercel' };
