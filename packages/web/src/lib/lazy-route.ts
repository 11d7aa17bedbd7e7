import { createElement, lazy, useState, type ComponentType } from 'react';

export type RouteComponent<P extends object> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * A code-split page that does not suspend once its chunk is here. React.lazy suspends on first render
 * even when the chunk has already loaded, and React then holds the page back for its Suspense reveal
 * throttle (300 ms) — measured: the contacts list appeared 300 ms after its data could have been
 * asked for. Preloading the chunk (`preload()`, for the page being opened and, when idle, the rest)
 * lets the page render at once.
 */
export function lazyRoute<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): RouteComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (e: unknown) => {
        pending = null; // a failed chunk load can be retried on the next attempt
        throw e;
      },
    ));
  const Lazy = lazy(preload);
  // Chosen once per mounted page: switching from Lazy to the loaded component later would remount the page
  // and lose its state (what was typed, the filters).
  const Route = ((props: P) => {
    const [Component] = useState(() => (loaded ?? Lazy) as ComponentType<P>);
    return createElement(Component, props);
  }) as RouteComponent<P>;
  Route.preload = preload;
  return Route;
}
