// /settings/:section?: the organization's settings in tabs (model providers, embeddings, the organization,
// its members). The section is in the address so it can be linked to; providers by default.
import { Tabs } from '@mantine/core';
import { IconBuilding, IconCpu, IconUsers, IconVectorTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmbeddingsSection } from './EmbeddingsSection';
import { MembersSection } from './MembersSection';
import { OrganizationSection } from './OrganizationSection';
import { ProvidersSection } from './ProvidersSection';

const SECTIONS = [
  { value: 'providers', icon: IconCpu, Component: ProvidersSection },
  { value: 'embeddings', icon: IconVectorTriangle, Component: EmbeddingsSection },
  { value: 'organization', icon: IconBuilding, Component: OrganizationSection },
  { value: 'members', icon: IconUsers, Component: MembersSection },
] as const;
type Section = (typeof SECTIONS)[number]['value'];

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { section } = useParams();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => s.value === (section ?? 'providers'));
  if (!current) return <Navigate to="/settings/providers" replace />;

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs value={current.value} onChange={(v) => v && void navigate(`/settings/${v as Section}`)} keepMounted={false}>
        <Tabs.List mb="lg">
          {SECTIONS.map(({ value, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />} data-testid={`settings-tab-${value}`}>
              {t(`sections.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECTIONS.map(({ value, Component }) => (
          <Tabs.Panel key={value} value={value}>
            <Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
