/** The version of `@llm-analytics/devtools`, kept in step with package.json by `pnpm version`. */
export const VERSION = '0.1.0';
