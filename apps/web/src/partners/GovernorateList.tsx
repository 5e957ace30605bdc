import { useTranslation } from 'react-i18next';

/** A few governorates by name; many as a count, the names in a tooltip. */
export function GovernorateList({ names }: { names: string[] }) {
  const { t } = useTranslation();
  if (names.length === 19) return <>{t('partners.everywhere')}</>;
  if (names.length <= 3) return <>{names.join(', ')}</>;
  return (
    <span title={names.join(', ')}>{t('partners.governoratesCount', { count: names.length })}</span>
  );
}
