/**
 * `tsx src/profile-top.ts file.cpuprofile [count]`: the top frames of a V8 CPU profile by self
 * time, and by total time per source file (what `--cpu-prof` wrote for a worker).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts file.cpuprofile [count]');
const count = Number(countArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<number, number>();
profile.samples.forEach((id, index) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...self.values()].reduce((sum, value) => sum + value, 0);

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/.*\/work\/main\//, '');
const label = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${short(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

const selfByFrame = new Map<string, number>();
for (const [id, time] of self) {
  const key = label(byId.get(id)!);
  selfByFrame.set(key, (selfByFrame.get(key) ?? 0) + time);
}
// Inclusive time per package / source file: each sample counted once per file on its stack.
const inclusiveByFile = new Map<string, number>();
for (const [id, time] of self) {
  const seen = new Set<string>();
  for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
    const url = short(byId.get(cursor)!.callFrame.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    inclusiveByFile.set(url, (inclusiveByFile.get(url) ?? 0) + time);
  }
}
const pct = (value: number) => `${((value / total) * 100).toFixed(1).padStart(5)}%`;
process.stdout.write(`total sampled ${(total / 1000).toFixed(0)} ms\n\nself time:\n`);
for (const [key, time] of [...selfByFrame].sort((a, b) => b[1] - a[1]).slice(0, count))
  process.stdout.write(`${pct(time)}  ${key}\n`);
process.stdout.write('\ninclusive time by file:\n');
for (const [key, time] of [...inclusiveByFile].sort((a, b) => b[1] - a[1]).slice(0, count))
  process.stdout.write(`${pct(time)}  ${key}\n`);

// Inclusive time per function of this repository's packages: where our own time goes.
const inclusiveByFunction = new Map<string, number>();
for (const [id, time] of self) {
  const seen = new Set<string>();
  for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
    const node = byId.get(cursor)!;
    if (!short(node.callFrame.url).startsWith('packages/')) continue;
    const key = label(node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusiveByFunction.set(key, (inclusiveByFunction.get(key) ?? 0) + time);
  }
}
process.stdout.write('\ninclusive time by function in packages/:\n');
for (const [key, time] of [...inclusiveByFunction].sort((a, b) => b[1] - a[1]).slice(0, count))
  process.stdout.write(`${pct(time)}  ${key}\n`);
