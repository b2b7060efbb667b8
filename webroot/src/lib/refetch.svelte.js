// Reloads a page's API document when a live stream event concerns that page: the one way pages follow the stream.
// Messages arriving while a reload is pending are coalesced into it.

/**
 * Reload `resource` silently `delayMs` after the first message from `subscribe` (onLiveJob or onLiveHealth)
 * for which `concerns(message)` is true; `onReload` runs with each reload. Call while a component initialises
 * (it registers an $effect, whose teardown unsubscribes and cancels a pending reload).
 */
export function refetchOnLive(subscribe, resource, concerns, { delayMs = 1500, onReload = null } = {}) {
  $effect(() => {
    let pending = null;
    const off = subscribe((message) => {
      if (pending || !concerns(message)) return;
      pending = setTimeout(() => {
        pending = null;
        resource.load(resource.url, { silent: true });
        onReload?.();
      }, delayMs);
    });
    return () => {
      off();
      clearTimeout(pending);
    };
  });
}
