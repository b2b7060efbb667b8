// A tiny History-API router: the current path and query as reactive state,
// navigate() for links, and route matching. No hash routing: the server
// answers every client route with index.html.
import { parseRange, DEFAULT_RANGE } from './shape.js';

export const route = $state({ path: location.pathname, search: location.search });

function sync() {
  route.path = location.pathname;
  route.search = location.search;
}

window.addEventListener('popstate', sync);

/** Go to an in-app URL (path + optional query) without reloading. */
export function navigate(href, { replace = false, scroll = !replace } = {}) {
  const target = new URL(href, location.href);
  if (target.pathname + target.search === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState']({}, '', target.pathname + target.search + target.hash);
  sync();
  if (scroll) window.scrollTo(0, 0);
}

/** The current query parameters. */
export function queryParam(name) {
  return new URLSearchParams(route.search).get(name);
}

/** Change some query parameters (null removes one), keeping the path. */
export function setQuery(changes, { replace = false } = {}) {
  const q = new URLSearchParams(route.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  navigate(route.path + (s ? '?' + s : ''), { replace, scroll: false });
}

/** The page's time range from ?range=, default 24h. */
export function currentRange() {
  return parseRange(queryParam('range'));
}

/** An in-app link that keeps the current time range. */
export function link(path) {
  const range = currentRange();
  return range === DEFAULT_RANGE ? path : `${path}?range=${range}`;
}

const ROUTES = [
  ['overview', /^\/$/],
  ['dvms', /^\/dvms\/?$/],
  ['dvm', /^\/dvms\/([^/]+)\/?$/],
  ['kinds', /^\/kinds\/?$/],
  ['kind', /^\/kinds\/([^/]+)\/?$/],
  ['relays', /^\/relays\/?$/],
  ['event', /^\/events\/([^/]+)\/?$/],
  ['jobs', /^\/jobs\/?$/],
  ['job', /^\/jobs\/([^/]+)\/?$/],
  ['user', /^\/users\/([^/]+)\/?$/],
  ['playground', /^\/playground\/?$/],
  ['health', /^\/dvm-health\/?$/],
];

/** { name, params } for a path; name 'notfound' when nothing matches. */
export function matchRoute(path) {
  for (const [name, re] of ROUTES) {
    const m = path.match(re);
    if (m) return { name, params: m.slice(1).map(decodeURIComponent) };
  }
  return { name: 'notfound', params: [] };
}

/** Document-level click handler: same-origin <a> links navigate in place. */
export function interceptLinks(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest?.('a[href]');
  // getAttribute: SVG <a> elements (job graph nodes) have object-valued href/target properties.
  if (!a || a.getAttribute('target') || a.hasAttribute('download') || a.hasAttribute('data-external')) return;
  const url = new URL(a.getAttribute('href'), location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}
