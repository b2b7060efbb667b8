// The sort state of a DataTable: which column and which direction. A column's `sort` ('asc' or 'desc') is the
// direction of its first click (names and response times ascending, counts descending); clicking the sorted column
// again reverses it. With `inUrl` the state lives in ?sort=&dir= (list pages), otherwise in the component.
import { queryParam, setQuery } from './router.svelte.js';

export function useSort(columns, initial, { inUrl = false } = {}) {
  const firstDir = (key) => columns.find((c) => c.key === key)?.sort ?? 'desc';
  const sortable = new Set(columns.filter((c) => c.sort).map((c) => c.key));
  let local = $state({ key: initial, dir: firstDir(initial) });
  return {
    get key() {
      if (!inUrl) return local.key;
      const q = queryParam('sort');
      return sortable.has(q) ? q : initial;
    },
    get dir() {
      if (!inUrl) return local.dir;
      const d = queryParam('dir');
      return d === 'asc' || d === 'desc' ? d : firstDir(this.key);
    },
    toggle(key) {
      const dir = key === this.key ? (this.dir === 'asc' ? 'desc' : 'asc') : firstDir(key);
      if (inUrl) setQuery({ sort: key, dir }, { replace: true });
      else local = { key, dir };
    },
  };
}
