// The signed-in frame: a header (menu button on phones, the organization switcher, language, account)
// and a navigation bar with the pages and the organization's assistants. Content renders in <main>.
import { AppShell, Avatar, Burger, Button, Divider, Group, Menu, NavLink, ScrollArea, Select, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChartBar, IconLayoutDashboard, IconLogout, IconPlus, IconRobot, IconSettings } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguagePicker } from '../components/LanguagePicker';
import { Logo } from '../components/Logo';
import { LoadingState } from '../components/states';
import { useAssistants } from '../features/assistants/api';
import { signOut, useActiveOrganization, useMe, useSwitchOrganization } from '../features/auth/session';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Link to="/" style={{ textDecoration: 'none' }}>
              <Logo />
            </Link>
            <OrganizationSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguagePicker />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function Navigation() {
  const { t } = useTranslation();
  const location = useLocation();
  const assistants = useAssistants();
  const { canManage } = useActiveOrganization();
  const links = [
    { to: '/', label: t('nav.dashboard'), icon: IconLayoutDashboard, exact: true },
    { to: '/usage', label: t('nav.usage'), icon: IconChartBar },
    { to: '/settings', label: t('nav.settings'), icon: IconSettings },
  ];
  const active = (to: string, exact?: boolean) => (exact ? location.pathname === to : location.pathname.startsWith(to));
  return (
    <>
      {links.map(({ to, label, icon: Icon, exact }) => (
        <NavLink key={to} component={Link} to={to} label={label} leftSection={<Icon size={18} aria-hidden />} active={active(to, exact)} />
      ))}
      <Divider my="sm" label={t('nav.assistants')} labelPosition="left" />
      <ScrollArea style={{ flex: 1 }}>
        {assistants.data?.items.map((a) => (
          <NavLink
            key={a.id}
            component={Link}
            to={`/assistants/${a.id}/chat`}
            label={<span dir="auto">{a.name}</span>}
            leftSection={<IconRobot size={18} aria-hidden />}
            active={location.pathname.startsWith(`/assistants/${a.id}`)}
          />
        ))}
      </ScrollArea>
      {canManage && (
        <Button
          component={Link}
          to="/assistants/new"
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          mt="sm"
          data-testid="nav-new-assistant"
        >
          {t('nav.newAssistant')}
        </Button>
      )}
    </>
  );
}

function OrganizationSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const { organization } = useActiveOrganization();
  const switchTo = useSwitchOrganization();
  const navigate = useNavigate();
  const organizations = me.data?.organizations ?? [];
  if (organizations.length < 2) {
    return organization ? (
      <Text size="sm" c="dimmed" visibleFrom="xs" dir="auto" data-testid="organization-name">
        {organization.name}
      </Text>
    ) : null;
  }
  return (
    <Select
      aria-label={t('nav.organization')}
      size="xs"
      w={200}
      visibleFrom="xs"
      allowDeselect={false}
      data={organizations.map((o) => ({ value: o.id, label: o.name }))}
      value={organization?.id ?? null}
      onChange={(id) => {
        if (id && id !== organization?.id) {
          switchTo(id);
          void navigate('/');
        }
      }}
      data-testid="organization-switcher"
    />
  );
}

function AccountMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = me.data?.user;
  const initials = (user?.name ?? user?.email ?? '?').slice(0, 2).toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="compact-md" px={4} data-testid="account-menu">
          <Avatar size={30} radius="xl" color="indigo" aria-hidden>
            {initials}
          </Avatar>
          <VisuallyHidden>
            {t('nav.account')}: {user?.email}
          </VisuallyHidden>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label dir="auto">{user?.name ?? user?.email}</Menu.Label>
        <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={16} aria-hidden />}>
          {t('nav.settings')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} className="mirror-rtl" aria-hidden />}
          data-testid="sign-out"
          onClick={async () => {
            await signOut();
            queryClient.clear();
            void navigate('/sign-in', { replace: true });
          }}
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
