import { defineProject } from 'vitest/config';
import { packageProject, sourceConditions } from '../../vitest.shared.ts';

// ai 5 and 6 import @opentelemetry/api, whose `module` export is an ESM build with
// extensionless imports that only a bundler resolves; Node loads it and fails. Resolve
// without the `module` condition here (the source condition stays first).
const conditions = sourceConditions.filter((condition) => condition !== 'module');
const base = packageProject('ai-sdk');

export default defineProject({
  ...base,
  resolve: { conditions },
  ssr: { resolve: { conditions } },
});
