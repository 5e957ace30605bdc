import {
  Button,
  Badge,
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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, postJson } from '../api/client';
import { MutationNote } from './HospitalPage';
import { BADGE } from '../shared/colours';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';

/** Users, facilities and vehicles: the lists, exportable (changes go through the admin API). */
export function AdminPage() {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: ['admin', 'users'],
    queryFn: () => ok(api.GET('/api/v1/admin/users', { params: { query: { pageSize: 200 } } })),
  });
  const facilities = useQuery({
    queryKey: ['admin', 'facilities'],
    queryFn: () => ok(api.GET('/api/v1/facilities', { params: { query: { pageSize: 200 } } })),
  });
  const vehicles = useQuery({
    queryKey: ['admin', 'vehicles'],
    queryFn: () => ok(api.GET('/api/v1/vehicles', { params: { query: { pageSize: 200 } } })),
  });
  const active = (on: boolean) => (
    <Badge color={on ? BADGE.good : BADGE.neutral}>{on ? t('common.yes') : t('common.no')}</Badge>
  );
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
          <NewUserForm />
          <Loadable query={users}>
            {(page) => (
              <DataTable
                testId="users-table"
                csvName="users"
                rows={page.items}
                rowKey={(row) => row.id}
                columns={[
                  { key: 'username', header: t('login.username'), value: (row) => row.username },
                  { key: 'name', header: t('table.details'), value: (row) => row.displayName },
                  { key: 'role', header: t('admin.role'), value: (row) => row.role },
                  {
                    key: 'scope',
                    header: t('table.facility'),
                    value: (row) => row.facilityId ?? row.supplierId ?? '',
                  },
                  {
                    key: 'active',
                    header: t('admin.active'),
                    value: (row) => row.active,
                    render: (row) => active(row.active),
                  },
                  {
                    key: 'action',
                    header: t('admin.action'),
                    value: () => '',
                    render: (row) => (
                      <UserActiveButton id={row.id} username={row.username} active={row.active} />
                    ),
                  },
                ]}
              />
            )}
          </Loadable>
        </Tabs.Panel>
        <Tabs.Panel value="facilities" pt="md">
          <Loadable query={facilities}>
            {(page) => (
              <DataTable
                testId="facilities-table"
                csvName="facilities"
                rows={page.items}
                rowKey={(row) => row.id}
                columns={[
                  { key: 'id', header: t('admin.id'), value: (row) => row.id },
                  { key: 'name', header: t('table.facility'), value: (row) => row.name },
                  { key: 'kind', header: t('admin.kind'), value: (row) => row.kind },
                  {
                    key: 'governorate',
                    header: t('table.governorate'),
                    value: (row) => row.governorate,
                  },
                  { key: 'lat', header: t('admin.latitude'), value: (row) => row.latitude },
                  { key: 'lon', header: t('admin.longitude'), value: (row) => row.longitude },
                  {
                    key: 'active',
                    header: t('admin.active'),
                    value: (row) => row.active,
                    render: (row) => active(row.active),
                  },
                ]}
              />
            )}
          </Loadable>
        </Tabs.Panel>
        <Tabs.Panel value="vehicles" pt="md">
          <Loadable query={vehicles}>
            {(page) => (
              <DataTable
                testId="vehicles-table"
                csvName="vehicles"
                rows={page.items}
                rowKey={(row) => row.id}
                columns={[
                  { key: 'id', header: t('admin.id'), value: (row) => row.id },
                  { key: 'plate', header: t('admin.plate'), value: (row) => row.registrationPlate },
                  {
                    key: 'depot',
                    header: t('table.facility'),
                    value: (row) => row.depotFacilityId,
                  },
                  { key: 'supplier', header: t('cylinder.owner'), value: (row) => row.supplierId },
                  {
                    key: 'capacity',
                    header: t('table.count'),
                    value: (row) =>
                      Object.entries(row.capacity)
                        .map(([s, n]) => `${s} ${n}`)
                        .join(', '),
                  },
                  {
                    key: 'active',
                    header: t('admin.active'),
                    value: (row) => row.active,
                    render: (row) => active(row.active),
                  },
                ]}
              />
            )}
          </Loadable>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const ROLES = [
  'analyst',
  'dispatcher',
  'hospital',
  'producer',
  'driver',
  'admin',
  'partner',
] as const;

/** A new login; hospital and producer users name their facility, drivers their supplier. */
function NewUserForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [user, setUser] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'analyst',
    scope: '',
  });
  const create = useMutation({
    mutationFn: () =>
      postJson('/admin/users', {
        username: user.username,
        displayName: user.displayName || undefined,
        password: user.password,
        role: user.role,
        active: true,
        ...(user.role === 'hospital' || user.role === 'producer'
          ? { facilityId: user.scope }
          : user.scope
            ? { supplierId: user.scope }
            : {}),
      }),
    onSuccess: () => {
      setUser({ username: '', displayName: '', password: '', role: 'analyst', scope: '' });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
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
          data={[...ROLES]}
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
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/v1/admin/users/{id}', {
          params: { path: { id } },
          body: { active: !active },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
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
