export type { CaptureMode, CaptureServer, ReceivedEvent } from './capture-server';
export { bodyText, readBody, startCaptureServer } from './capture-server';
export { createTestPostHog } from './posthog';
export { eventsOfTrace, renderTree, treeProblems } from './tree';
