/**
 * Badge colours that keep white text at WCAG AA contrast (4.5:1 and more); Mantine's own
 * greens and oranges at the default shade do not.
 */
export const BADGE = {
  good: '#1e7d32',
  warning: '#b35c00',
  bad: '#c62828',
  info: '#1565c0',
  neutral: '#546e7a',
} as const;
