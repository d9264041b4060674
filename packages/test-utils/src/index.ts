export type { CaptureMode, CaptureServer, ReceivedEvent } from './capture-server';
export { bodyText, readBody, startCaptureServer } from './capture-server';
export { createTestPostHog } from './posthog';
export { eventsOfTrace, renderTree, treeProblems } from './tree';
export type { CaptureEndpoint } from './use-endpoint';
export { useCaptureEndpoint } from './use-endpoint';
