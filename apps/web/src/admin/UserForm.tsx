import { Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson } from '../api/client';
import type { FacilityView, UserView } from '../api/views';
import { useSaving } from '../shared/use-saving';
import { FormShell } from './FormShell';
import { ROLES, type Role, scopeKind, type UserDraft, userChanges, userDraft } from './user-form';

/**
 * Changes to a login: its name, role and scope (a hospital or plant, or a supplier's fleet),
 * whether it may log in, and a driver's home plant.
 */
export function UserForm({
  user,
  facilities,
  onDone,
}: {
  user: UserView;
  facilities: FacilityView[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<UserDraft>(() => userDraft(user));
  const save = useSaving(
    (changes: Record<string, unknown>) =>
      postJson(`/admin/users/${encodeURIComponent(user.id)}`, changes, 'PATCH'),
    [['admin', 'users']],
    onDone,
  );
  const scope = scopeKind(draft.role);
  const suppliers = [
    ...new Set(facilities.map((f) => f.supplierId).filter((s): s is string => !!s)),
  ].sort();
  const scopeChoices =
    scope === 'facility'
      ? facilities
          .filter((f) => f.kind === (draft.role === 'hospital' ? 'hospital' : 'producer'))
          .map((f) => ({ value: f.id, label: f.name }))
      : [
          { value: '', label: t('admin.national') },
          ...suppliers.map((s) => ({ value: s, label: s })),
        ];
  const plants = facilities.filter(
    (f) => f.kind !== 'hospital' && (draft.scope === '' || f.supplierId === draft.scope),
  );
  return (
    <FormShell
      title={t('admin.editUser', { name: user.username })}
      testId="edit-user-form"
      saving={save}
      problem={null}
      onCancel={onDone}
      onSubmit={() => {
        const changes = userChanges(user, draft);
        if (Object.keys(changes).length === 0) onDone();
        else save.mutate(changes);
      }}
    >
      <Group align="end">
        <TextInput
          name="displayName"
          label={t('admin.displayName')}
          value={draft.displayName}
          onChange={(e) => setDraft({ ...draft, displayName: e.currentTarget.value })}
        />
        <NativeSelect
          name="role"
          label={t('admin.role')}
          data={ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
          value={draft.role}
          onChange={(e) => {
            const role = e.currentTarget.value as Role;
            const keep = scopeKind(role) === scopeKind(draft.role);
            setDraft({ ...draft, role, scope: keep ? draft.scope : '' });
          }}
        />
        {scope !== 'none' && (
          <NativeSelect
            name="scope"
            label={scope === 'facility' ? t('table.facility') : t('admin.supplier')}
            data={
              scope === 'facility' && !scopeChoices.some((c) => c.value === draft.scope)
                ? [{ value: draft.scope, label: draft.scope || '—' }, ...scopeChoices]
                : scopeChoices
            }
            value={draft.scope}
            onChange={(e) => setDraft({ ...draft, scope: e.currentTarget.value })}
          />
        )}
        {draft.role === 'driver' && (
          <NativeSelect
            name="homePlantId"
            label={t('admin.homePlant')}
            data={[
              { value: '', label: '—' },
              ...plants.map((f) => ({ value: f.id, label: f.name })),
            ]}
            value={draft.homePlantId}
            onChange={(e) => setDraft({ ...draft, homePlantId: e.currentTarget.value })}
          />
        )}
        <Checkbox
          name="active"
          label={t('admin.mayLogIn')}
          checked={draft.active}
          onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
          mb={8}
        />
      </Group>
    </FormShell>
  );
}
