import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { governorateName, governoratesByName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';

/** A list filter: one of a fixed set of values, each shown translated; cleared for "any". */
export function ChoiceFilter<Value extends string>({
  label,
  value,
  onChange,
  values,
  labelOf,
  searchable,
  testId,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  values: readonly Value[];
  labelOf: (value: Value) => string;
  searchable?: boolean;
  testId?: string;
}) {
  return (
    <Select
      label={label}
      clearable
      searchable={searchable}
      value={value}
      onChange={onChange}
      data={values.map((choice) => ({ value: choice, label: labelOf(choice) }))}
      data-testid={testId}
    />
  );
}

/** The governorate filter of the partner lists: Iraq's 19 by name, searchable, keyed as the api. */
export function GovernorateFilter({
  value,
  onChange,
  testId,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <ChoiceFilter
      label={t('partners.governorate')}
      value={value}
      onChange={onChange}
      values={governoratesByName(language)}
      labelOf={(name) => governorateName(name, language)}
      searchable
      testId={testId}
    />
  );
}
