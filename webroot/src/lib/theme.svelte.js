// Light / dark theme: remembered in localStorage, default from prefers-color-scheme.
const KEY = 'dvmdash-theme';

function initial() {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* storage disabled */
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const theme = $state({ current: initial() });
document.documentElement.dataset.theme = theme.current;

export function setTheme(value) {
  theme.current = value;
  document.documentElement.dataset.theme = value;
  try {
    localStorage.setItem(KEY, value);
  } catch {
    /* storage disabled */
  }
}

export function toggleTheme() {
  setTheme(theme.current === 'dark' ? 'light' : 'dark');
}
