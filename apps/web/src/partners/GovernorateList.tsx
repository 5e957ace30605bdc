import { useTranslation } from 'react-i18next';
import { formatList } from '../i18n/format';
import { useGovernorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';

/** A few governorates by name; many as a count, the names in a tooltip. */
export function GovernorateList({ names }: { names: string[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const nameOf = useGovernorateName();
  const shown = formatList(language, names.map(nameOf));
  if (names.length === 19) return <>{t('partners.everywhere')}</>;
  if (names.length <= 3) return <>{shown}</>;
  return <span title={shown}>{t('partners.governoratesCount', { count: names.length })}</span>;
}
