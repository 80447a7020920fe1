// Providers as picker options. The instance provider is listed as "instance" by the API but stored as
// providerId null on an assistant; a provider the assistant names but the list lacks still shows.
import type { Provider } from '@parley/contracts';
import type { TFunction } from 'i18next';
import { INSTANCE_PROVIDER_ID } from '../providers-api';

export interface ProviderOption {
  value: string;
  label: string;
}

export function providerOptions(providers: readonly Provider[], current: string | null, t: TFunction<'assistant'>): ProviderOption[] {
  const options = providers.map((p) => ({
    value: p.id,
    label: p.managed ? t('model.instanceProvider') : p.name,
  }));
  const currentValue = current ?? INSTANCE_PROVIDER_ID;
  if (!options.some((o) => o.value === currentValue)) {
    options.push({
      value: currentValue,
      label: current === null ? t('model.instanceMissing') : t('model.unknownProvider'),
    });
  }
  return options;
}

/** Select value ↔ the assistant's providerId. */
export const toSelectValue = (providerId: string | null): string => providerId ?? INSTANCE_PROVIDER_ID;
export const fromSelectValue = (value: string): string | null => (value === INSTANCE_PROVIDER_ID ? null : value);
