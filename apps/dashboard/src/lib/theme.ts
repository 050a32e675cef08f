// Light and dark themes: `system` follows prefers-color-scheme; the toggle pins one. The choice is
// a plain cookie (not a secret) so the server renders the right `data-theme` on the first byte
// and the page never flashes the wrong colours; no inline script is needed (the CSP forbids one).

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'tickstock_theme';

export function parseTheme(raw: string | null | undefined): Theme {
  return (THEMES as readonly string[]).includes(raw ?? '') ? (raw as Theme) : 'system';
}

/** The toggle cycles system → light → dark → system. */
export function nextTheme(current: Theme): Theme {
  return THEMES[(THEMES.indexOf(current) + 1) % THEMES.length]!;
}

/** Applies a theme in the browser and remembers it for a year. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}
