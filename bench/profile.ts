// Where a profiled worker's CPU went: V8 writes one .cpuprofile per JS thread
// (the main thread runs activities and the SDK's plumbing, a worker thread the
// workflow bundle); self time is summed by function and by area of the code.
// A workflow bundle is one file, so its lines are traced back to the webpack
// module they came from.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ThreadProfile {
  file: string;
  /** V8's thread id from the file name: 0 is the main thread. */
  thread: number;
  sampledMs: number;
  busyMs: number;
  areas: { area: string; ms: number; shareOfBusy: number }[];
  top: { function: string; where: string; selfMs: number; shareOfBusy: number }[];
}

/** Which package, or which folder of ours, a source path belongs to. */
function owner(file: string, buildDir: string): string {
  const relative = path.relative(buildDir, file);
  if (!relative.startsWith('..')) return `ocop ${relative.split(path.sep)[0]}/`;
  const scoped = /node_modules\/(@[^/]+\/[^/]+|[^/@.][^/]*)\//.exec(file);
  return scoped ? scoped[1]! : path.basename(file);
}

/** Maps a line of a webpack bundle to the module it belongs to, by the bundle's `/***\/ "<module>"` markers. */
function bundleLines(file: string, buildDir: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const marker = /^\/\*{3}\/ "(.+)"/.exec(text);
      // Webpack names modules relative to where it ran: this process, which bundled them.
      if (marker) starts.push({ line: index, module: owner(path.resolve(marker[1]!), buildDir) });
    });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = 'SDK workflow runtime';
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid]!.line <= line) [found, low] = [starts[mid]!.module, mid + 1];
      else high = mid - 1;
    }
    return `bundle: ${found}`;
  };
}

function areaOf(
  frame: CpuProfile['nodes'][number]['callFrame'],
  buildDir: string,
  bundles: Map<string, (line: number) => string>,
): string {
  const { url, functionName, lineNumber } = frame;
  if (!url) return functionName === '(garbage collector)' ? 'garbage collection' : `V8 ${functionName || '(native)'}`;
  if (url.startsWith('node:')) return 'Node.js';
  const file = url.replace(/^file:\/\//, '');
  if (file.endsWith('-bundle.js') && file.startsWith(buildDir)) {
    let lines = bundles.get(file);
    if (!lines) bundles.set(file, (lines = bundleLines(file, buildDir)));
    return lines(lineNumber);
  }
  return file.startsWith('/') ? owner(file, buildDir) : file;
}

export function summarizeProfile(file: string, buildDir: string): ThreadProfile {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const bundles = new Map<string, (line: number) => string>();
  const areas = new Map<string, number>();
  const functions = new Map<string, { where: string; ms: number }>();
  let sampledMs = 0;
  let idleMs = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!;
    sampledMs += ms;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const area = areaOf(frame, buildDir, bundles);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = frame.url ? `${area}:${frame.lineNumber + 1}` : area;
    const key = `${frame.functionName || '(anonymous)'} ${where}`;
    const entry = functions.get(key) ?? { where, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  const busyMs = sampledMs - idleMs;
  const share = (ms: number) => Math.round((ms / busyMs) * 1000) / 1000;
  return {
    file: path.basename(file),
    thread: Number(path.basename(file).split('.')[4] ?? NaN),
    sampledMs: Math.round(sampledMs),
    busyMs: Math.round(busyMs),
    areas: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([area, ms]) => ({ area, ms: Math.round(ms), shareOfBusy: share(ms) })),
    top: [...functions.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 15)
      .map(([key, { where, ms }]) => ({
        function: key.slice(0, key.length - where.length - 1),
        where,
        selfMs: Math.round(ms),
        shareOfBusy: share(ms),
      })),
  };
}

export function summarizeProfiles(files: string[], buildDir: string): ThreadProfile[] {
  return files.map((file) => summarizeProfile(file, buildDir)).sort((a, b) => b.busyMs - a.busyMs);
}
