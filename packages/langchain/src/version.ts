/** The version of `@llm-analytics/langchain`, sent as `$ai_lib_version` (kept equal to package.json). */
export const VERSION = '0.1.0';
