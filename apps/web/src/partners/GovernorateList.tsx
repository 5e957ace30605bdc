import { useTranslation } from 'react-i18next';
import { useGovernorateName } from '../i18n/governorates';

/** A few governorates by name; many as a count, the names in a tooltip. */
export function GovernorateList({ names }: { names: string[] }) {
  const { t } = useTranslation();
  const nameOf = useGovernorateName();
  const shown = names.map(nameOf).join(', ');
  if (names.length === 19) return <>{t('partners.everywhere')}</>;
  if (names.length <= 3) return <>{shown}</>;
  return <span title={shown}>{t('partners.governoratesCount', { count: names.length })}</span>;
}
