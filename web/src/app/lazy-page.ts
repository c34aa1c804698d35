// A page in a chunk of its own that can be loaded ahead of its first render. React.lazy suspends on a page's
// first render even when its chunk has arrived, and React then holds the page back behind the fallback for up to
// 300 ms; a page loaded ahead is handed over at once (a thenable that resolves as it is asked).
import { lazy, type ComponentType } from 'react';

type PageModule = { default: ComponentType };

/** A thenable that calls back at once: React.lazy then renders the page in the same pass, without suspending. */
function resolvedNow(module: PageModule): Promise<PageModule> {
  const thenable = { then: (resolve: (value: PageModule) => void) => resolve(module) };
  // React.lazy only calls `then`; a real Promise would call back a microtask later.
  return thenable as unknown as Promise<PageModule>;
}

export function lazyPage(load: () => Promise<PageModule>) {
  let loaded: PageModule | undefined;
  const preload = () => load().then((module) => (loaded = module));
  const Page = lazy(() => (loaded ? resolvedNow(loaded) : preload()));
  return { Page, preload };
}
