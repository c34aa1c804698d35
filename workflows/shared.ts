// What every workflow of a worker shares instead of evaluating again for its
// own (the SDK's preloadModules): the domain's rules and the zod schemas they
// are written in. Evaluated per workflow, they were most of the time a
// workflow took to start and most of the memory a cached one held.
//
// The SDK deep-freezes these modules once they are loaded, so none may keep a
// workflow's state. zod computes some internals of a schema on first use, and
// rewrites some on its first parse, storing them on the schema, which a frozen
// schema refuses: both happen here, before the freeze.
import { ZodType } from 'zod';
import * as cycle from '../domain/cycle';
import * as deadlines from '../domain/deadlines';
import * as notifications from '../domain/notifications';
import * as product from '../domain/product';
import * as recognition from '../domain/recognition';
import * as rules from '../domain/rules';
import * as stages from '../domain/stages';

const BUILT_IN = new Set<unknown>([
  Object.prototype,
  Function.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
]);

/** Reads every lazily computed property reachable from `root`, so that each is stored before the freeze. */
function computeLazyInternals(root: unknown): void {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    // Functions are left alone: through a class, the walk would reach its prototype and read the
    // accessors there with the prototype itself as `this`, storing the value over the accessor.
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of lazyKeys(value)) pending.push(readQuietly(value, key));
    // A schema's first parse takes its unneeded wrappers back out: that first parse happens here.
    if (value instanceof ZodType) quietly(() => value.safeParse(undefined));
    keepPatternUsable(value);
    for (const key of Reflect.ownKeys(value)) pending.push(readQuietly(value, key));
    if (value instanceof Map) pending.push(...value.keys(), ...value.values());
    if (value instanceof Set) pending.push(...value.values());
  }
}

/**
 * zod resets a pattern's `lastIndex` before each test, which a frozen RegExp
 * refuses. Its checks get a twin that tests alike and takes the reset; the
 * RegExp it tests with sits in a closure, out of the freeze's reach.
 */
function keepPatternUsable(value: object): void {
  const own = Object.getOwnPropertyDescriptor(value, 'pattern');
  if (!own || !(own.value instanceof RegExp) || !own.writable) return;
  const pattern: RegExp = own.value;
  const tester = new RegExp(pattern.source, pattern.flags);
  const twin = {
    source: pattern.source,
    flags: pattern.flags,
    test: (input: string) => {
      tester.lastIndex = 0;
      return tester.test(input);
    },
    toString: () => pattern.toString(),
    get lastIndex() {
      return 0;
    },
    set lastIndex(_: number) {},
  };
  Object.defineProperty(value, 'pattern', { ...own, value: twin });
}

/** The accessors that `value`'s prototypes define: zod installs its lazy internals there. */
function lazyKeys(value: object): (string | symbol)[] {
  const keys: (string | symbol)[] = [];
  for (let proto = Object.getPrototypeOf(value); proto && !BUILT_IN.has(proto); proto = Object.getPrototypeOf(proto)) {
    for (const key of Reflect.ownKeys(proto)) if (Object.getOwnPropertyDescriptor(proto, key)?.get) keys.push(key);
  }
  return keys;
}

function readQuietly(value: object, key: string | symbol): unknown {
  // A getter that only works during a parse has nothing to store ahead of it.
  return quietly(() => Reflect.get(value, key));
}

/** A refinement may throw on the placeholder input: what the parse set up before it stays. */
function quietly(run: () => unknown): unknown {
  try {
    return run();
  } catch {
    return undefined;
  }
}
for (const module of [cycle, deadlines, notifications, product, recognition, rules, stages]) {
  computeLazyInternals(module);
}
