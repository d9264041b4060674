/** The version of `@llm-analytics/ai-sdk`, sent as `$ai_lib_version`. */
export const VERSION = '0.1.0';
