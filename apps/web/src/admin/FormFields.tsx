import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What a text field of a form's draft needs: its name, its value and how it changes. */
export interface DraftField {
  name: string;
  value: string;
  onChange: (event: { currentTarget: { value: string } }) => void;
}

/** Binds the draft's text fields by name: `<TextInput {...field('name')} />`. */
export function draftFields<Draft extends object>(draft: Draft, setDraft: (next: Draft) => void) {
  return (key: keyof Draft & string): DraftField => ({
    name: key,
    value: draft[key] as string,
    onChange: (event) => setDraft({ ...draft, [key]: event.currentTarget.value }),
  });
}

/** The id a new record is created with (it cannot change later): only when creating. */
export function NewIdField({ creating, field }: { creating: boolean; field: DraftField }) {
  const { t } = useTranslation();
  if (!creating) return null;
  return <TextInput {...field} label={t('admin.id')} description={t('admin.idHint')} required />;
}

export function SupplierField({ field }: { field: DraftField }) {
  const { t } = useTranslation();
  return <TextInput {...field} label={t('admin.supplier')} required />;
}

/** One whole-number field a key (a truck's cylinders per size, a hospital's beds per kind). */
export function CountFields<Key extends string>({
  name,
  keys,
  counts,
  labelOf,
  onChange,
  width,
}: {
  name: string;
  keys: readonly Key[];
  counts: Record<Key, string>;
  labelOf: (key: Key) => string;
  onChange: (counts: Record<Key, string>) => void;
  width: number;
}) {
  return (
    <Group align="end">
      {keys.map((key) => (
        <TextInput
          key={key}
          name={`${name}.${key}`}
          label={labelOf(key)}
          inputMode="numeric"
          value={counts[key]}
          onChange={(event) => onChange({ ...counts, [key]: event.currentTarget.value })}
          w={width}
        />
      ))}
    </Group>
  );
}
