import { createTheme, type Theme } from '@mui/material';

/** Light and dark themes whose text and filled chips keep a contrast of at least 4.5:1 (WCAG AA). */
export function themeFor(mode: 'light' | 'dark'): Theme {
  const light = mode === 'light';
  return createTheme({
    palette: light
      ? {
          mode,
          primary: { main: '#1565c0' },
          secondary: { main: '#6a1b9a' },
          success: { main: '#2e7d32', contrastText: '#ffffff' },
          warning: { main: '#9a4a00', contrastText: '#ffffff' },
          error: { main: '#c62828' },
          info: { main: '#01579b' },
          background: { default: '#f6f7f9', paper: '#ffffff' },
        }
      : {
          mode,
          primary: { main: '#90caf9' },
          secondary: { main: '#ce93d8' },
          success: { main: '#81c784' },
          warning: { main: '#ffb74d' },
          error: { main: '#ef9a9a' },
          info: { main: '#81d4fa' },
          background: { default: '#0f1216', paper: '#171b21' },
        },
    shape: { borderRadius: 10 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      MuiButtonBase: { defaultProps: { disableRipple: false } },
      // long API messages wrap instead of making the alert scroll sideways on a phone
      MuiAlert: { styleOverrides: { message: { overflowWrap: 'anywhere', minWidth: 0 } } },
      MuiCssBaseline: {
        styleOverrides: {
          ':focus-visible': { outline: `3px solid ${light ? '#1565c0' : '#90caf9'}`, outlineOffset: 2 },
          '.skip-link': { position: 'absolute', left: -9999, top: 8, zIndex: 2000, padding: 8,
            background: light ? '#ffffff' : '#171b21', color: 'inherit' },
          '.skip-link:focus': { left: 8 },
        },
      },
    },
  });
}
