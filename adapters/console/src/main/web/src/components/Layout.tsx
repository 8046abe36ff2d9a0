import {
  AppBar, Box, Button, Divider, Drawer, IconButton, List, ListItem, ListItemButton, ListItemText, ListSubheader, Toolbar,
  Tooltip, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useSession } from '../session';

const DRAWER = 248;

interface NavItem { to: string; label: string }

export const ACCOUNT_PAGES: NavItem[] = [
  { to: '/admin/llm/byok', label: 'Provider keys (BYOK)' },
  { to: '/admin/account/settings', label: 'Power level' },
  { to: '/admin/subscription/credits', label: 'Credits' },
  { to: '/admin/llm/analytics', label: 'Usage analytics' },
  { to: '/admin/llm/models', label: 'Model catalog' },
  { to: '/admin/llm/providers', label: 'Providers' },
  { to: '/admin/audit', label: 'Audit log' },
];

export const ADMIN_PAGES: NavItem[] = [
  { to: '/admin/accounts', label: 'Accounts and grants' },
  { to: '/admin/catalog', label: 'Providers and models' },
  { to: '/admin/routing', label: 'Routing rules' },
  { to: '/admin/master-key', label: 'Master key' },
  { to: '/admin/audit', label: 'Audit log' },
  { to: '/admin/llm/models', label: 'Model catalog' },
  { to: '/admin/llm/providers', label: 'Provider health' },
];

function Nav({ onNavigate }: { onNavigate: () => void }) {
  const { session } = useSession();
  const location = useLocation();
  const items = session?.role === 'admin' ? ADMIN_PAGES : ACCOUNT_PAGES;
  return (
    <nav aria-label="Console pages">
      <ListSubheader component="h2" sx={{ lineHeight: '40px', fontSize: '0.875rem' }}>
        {session?.role === 'admin' ? 'Administration' : 'Your account'}
      </ListSubheader>
      <List>
        {items.map((item) => (
          <ListItem key={item.to} disablePadding>
            <ListItemButton component={NavLink} to={item.to} onClick={onNavigate}
              selected={location.pathname === item.to}
              aria-current={location.pathname === item.to ? 'page' : undefined}>
              <ListItemText primary={item.label} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </nav>
  );
}

export function Layout({ children, mode, onToggleMode }: { children: ReactNode; mode: 'light' | 'dark'; onToggleMode: () => void }) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const [open, setOpen] = useState(false);
  const { session, signOut } = useSession();
  const who = session?.role === 'admin' ? 'Administrator'
    : `Account ${session?.accountId?.slice(0, 8) ?? ''}… · ${session?.tier ?? ''}`;
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a href="#main" className="skip-link">Skip to content</a>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton color="inherit" edge="start" aria-label="Open the page menu" aria-expanded={open}
              aria-controls="console-drawer" onClick={() => setOpen(true)}>
              <span aria-hidden="true" style={{ fontSize: 22, lineHeight: 1 }}>☰</span>
            </IconButton>
          )}
          <Typography variant="h6" component="p" sx={{ flexGrow: 1, whiteSpace: 'nowrap' }}>Switchgear</Typography>
          {wide && <Typography variant="body2" component="p" data-testid="who">{who}</Typography>}
          <Tooltip title={mode === 'dark' ? 'Use the light theme' : 'Use the dark theme'}>
            <IconButton color="inherit" onClick={onToggleMode}
              aria-label={mode === 'dark' ? 'Use the light theme' : 'Use the dark theme'}>
              <span aria-hidden="true" style={{ fontSize: 20, lineHeight: 1 }}>{mode === 'dark' ? '☀' : '☾'}</span>
            </IconButton>
          </Tooltip>
          <Button color="inherit" variant="outlined" onClick={signOut}>Sign out</Button>
        </Toolbar>
      </AppBar>
      <Drawer id="console-drawer" variant={wide ? 'permanent' : 'temporary'} open={wide || open}
        onClose={() => setOpen(false)} ModalProps={{ keepMounted: true }}
        sx={{ width: DRAWER, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER, boxSizing: 'border-box' } }}>
        <Toolbar />
        {!wide && <Typography variant="body2" sx={{ px: 2, py: 1 }}>{who}</Typography>}
        <Divider />
        <Nav onNavigate={() => setOpen(false)} />
      </Drawer>
      <Box component="main" id="main" tabIndex={-1}
        sx={{ flexGrow: 1, p: { xs: 2, sm: 3 }, width: { md: `calc(100% - ${DRAWER}px)` }, minWidth: 0 }}>
        <Toolbar />
        {children}
      </Box>
    </Box>
  );
}
