import {
  Button,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getAllPages, ok, postJson } from '../api/client';
import type { FacilityView, UserView, VehicleView } from '../api/views';
import { AdminList } from '../admin/AdminList';
import { FacilityEditor, FacilityForm } from '../admin/FacilityForm';
import { ROLES, scopeFields } from '../admin/user-form';
import { UserForm } from '../admin/UserForm';
import { VehicleForm } from '../admin/VehicleForm';
import { formatSizes } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { governorateColumn } from '../shared/DataTable';
import { useSaving } from '../shared/use-saving';
import { MutationNote } from './HospitalPage';

/** Users, facilities and vehicles: the lists, exportable, and the forms that change them. */
export function AdminPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const users = useQuery({
    queryKey: ['admin', 'users'],
    queryFn: async () => ({
      items: await getAllPages((page, pageSize) =>
        ok(api.GET('/api/v1/admin/users', { params: { query: { page, pageSize } } })),
      ),
    }),
  });
  const facilities = useQuery({
    queryKey: ['admin', 'facilities'],
    queryFn: async () => ({
      items: await getAllPages((page, pageSize) =>
        ok(api.GET('/api/v1/facilities', { params: { query: { page, pageSize } } })),
      ),
    }),
  });
  const vehicles = useQuery({
    queryKey: ['admin', 'vehicles'],
    queryFn: async () => ({
      items: await getAllPages((page, pageSize) =>
        ok(api.GET('/api/v1/vehicles', { params: { query: { page, pageSize } } })),
      ),
    }),
  });
  const [user, editUser] = useState<UserView | null>(null);
  const [facility, editFacility] = useState<FacilityView | null>(null);
  const [vehicle, editVehicle] = useState<VehicleView | null>(null);
  const allFacilities = facilities.data?.items ?? [];
  const depots = allFacilities.filter((f) => f.kind !== 'hospital');
  return (
    <Stack>
      <Title order={2}>{t('nav.admin')}</Title>
      <Tabs defaultValue="users">
        <Tabs.List>
          <Tabs.Tab value="users">{t('admin.users')}</Tabs.Tab>
          <Tabs.Tab value="facilities">{t('admin.facilities')}</Tabs.Tab>
          <Tabs.Tab value="vehicles">{t('admin.vehicles')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          {user ? (
            <UserForm
              key={user.id}
              user={user}
              facilities={allFacilities}
              onDone={() => editUser(null)}
            />
          ) : (
            <NewUserForm />
          )}
          <AdminList
            query={users}
            testId="users-table"
            csvName="users"
            nameOf={(row) => row.username}
            onEdit={editUser}
            rowActions={(row) => (
              <UserActiveButton id={row.id} username={row.username} active={row.active} />
            )}
            columns={[
              { key: 'username', header: t('login.username'), value: (row) => row.username },
              { key: 'name', header: t('admin.displayName'), value: (row) => row.displayName },
              {
                key: 'role',
                header: t('admin.role'),
                value: (row) => row.role,
                render: (row) => t(`admin.roles.${row.role}`),
              },
              {
                key: 'scope',
                header: t('admin.scopeColumn'),
                value: (row) => row.facilityId ?? row.supplierId ?? '',
              },
            ]}
          />
        </Tabs.Panel>
        <Tabs.Panel value="facilities" pt="md">
          {facility ? (
            <FacilityEditor
              key={facility.id}
              facility={facility}
              onDone={() => editFacility(null)}
            />
          ) : (
            <FacilityForm />
          )}
          <AdminList
            query={facilities}
            testId="facilities-table"
            csvName="facilities"
            nameOf={(row) => row.name}
            onEdit={editFacility}
            columns={[
              { key: 'id', header: t('admin.id'), value: (row) => row.id },
              { key: 'name', header: t('admin.name'), value: (row) => row.name },
              {
                key: 'kind',
                header: t('admin.kind'),
                value: (row) => row.kind,
                render: (row) => t(`admin.kinds.${row.kind}`),
              },
              governorateColumn(
                'governorate',
                t('table.governorate'),
                (row: FacilityView) => row.governorate,
                language,
              ),
              { key: 'lat', header: t('admin.latitude'), value: (row) => row.latitude },
              { key: 'lon', header: t('admin.longitude'), value: (row) => row.longitude },
              {
                key: 'supplier',
                header: t('admin.supplier'),
                value: (row) => row.supplierId ?? '',
              },
            ]}
          />
        </Tabs.Panel>
        <Tabs.Panel value="vehicles" pt="md">
          {facilities.data &&
            (vehicle ? (
              <VehicleForm
                key={vehicle.id}
                vehicle={vehicle}
                depots={depots}
                onDone={() => editVehicle(null)}
              />
            ) : (
              <VehicleForm depots={depots} />
            ))}
          <AdminList
            query={vehicles}
            testId="vehicles-table"
            csvName="vehicles"
            nameOf={(row) => row.registrationPlate}
            onEdit={editVehicle}
            columns={[
              { key: 'id', header: t('admin.id'), value: (row) => row.id },
              { key: 'plate', header: t('admin.plate'), value: (row) => row.registrationPlate },
              { key: 'depot', header: t('admin.homePlant'), value: (row) => row.depotFacilityId },
              { key: 'supplier', header: t('admin.supplier'), value: (row) => row.supplierId },
              {
                key: 'capacity',
                header: t('admin.capacity'),
                value: (row) =>
                  Object.entries(row.capacity)
                    .map(([s, n]) => `${s} ${n}`)
                    .join(', '),
                render: (row) => formatSizes(language, Object.entries(row.capacity)),
              },
            ]}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A new login; hospital and producer users name their facility, drivers their supplier. */
function NewUserForm() {
  const { t } = useTranslation();
  const empty = { username: '', displayName: '', password: '', role: 'analyst', scope: '' };
  const [user, setUser] = useState(empty);
  const create = useSaving(
    () => {
      const scope = scopeFields(user.role, user.scope);
      return postJson('/admin/users', {
        username: user.username,
        displayName: user.displayName || undefined,
        password: user.password,
        role: user.role,
        active: true,
        ...(scope.facilityId ? { facilityId: scope.facilityId } : {}),
        ...(scope.supplierId ? { supplierId: scope.supplierId } : {}),
      });
    },
    [['admin', 'users']],
    () => setUser(empty),
  );
  const set = (key: keyof typeof user) => (event: { currentTarget: { value: string } }) =>
    setUser({ ...user, [key]: event.currentTarget.value });
  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      component="form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <Title order={3} mb="xs">
        {t('admin.newUser')}
      </Title>
      <Group align="end">
        <TextInput
          label={t('login.username')}
          value={user.username}
          onChange={set('username')}
          required
        />
        <TextInput
          label={t('admin.displayName')}
          value={user.displayName}
          onChange={set('displayName')}
        />
        <PasswordInput
          label={t('login.password')}
          value={user.password}
          onChange={set('password')}
          required
          w={200}
        />
        <NativeSelect
          label={t('admin.role')}
          data={ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
          value={user.role}
          onChange={set('role')}
        />
        <TextInput label={t('admin.scope')} value={user.scope} onChange={set('scope')} />
        <Button type="submit" loading={create.isPending}>
          {t('producer.submit')}
        </Button>
      </Group>
      <MutationNote mutation={create} />
    </Paper>
  );
}

/** Deactivate a login (it can no longer log in or refresh), or let it back in. */
export function UserActiveButton({
  id,
  username,
  active,
}: {
  id: string;
  username: string;
  active: boolean;
}) {
  const { t } = useTranslation();
  const change = useSaving(
    () =>
      ok(
        api.PATCH('/api/v1/admin/users/{id}', {
          params: { path: { id } },
          body: { active: !active },
        }),
      ),
    [['admin', 'users']],
  );
  return (
    <Stack gap={2}>
      <Button
        size="compact-sm"
        variant={active ? 'light' : 'default'}
        color={active ? 'red' : undefined}
        loading={change.isPending}
        aria-label={t(active ? 'admin.deactivateUser' : 'admin.reactivateUser', { username })}
        onClick={() => change.mutate()}
      >
        {t(active ? 'admin.deactivate' : 'admin.reactivate')}
      </Button>
      {change.isError && (
        <Text c="red" size="xs" role="alert">
          {change.error.message}
        </Text>
      )}
    </Stack>
  );
}
