import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { BADGE } from '../shared/colours';
import { Loadable } from '../shared/Loadable';

type Settings = components['schemas']['NotificationSettingsView'];
type Channel = 'inbox' | 'email';
type Kind = Settings['kinds'][number];

/** Which notifications reach the user by which channel, their e-mail, time zone and quiet hours. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: ['notifications', 'settings'],
    queryFn: () => ok(api.GET('/api/v1/notifications/settings')),
  });
  return (
    <Stack maw={760}>
      <Title order={2}>{t('notifications.settings.title')}</Title>
      <Loadable query={settings}>{(current) => <SettingsForm current={current} />}</Loadable>
    </Stack>
  );
}

function SettingsForm({ current }: { current: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(current.email ?? '');
  const [channels, setChannels] = useState(current.channels as Record<Kind, Channel[]>);
  const [timeZone, setTimeZone] = useState(current.timeZone);
  const [quietOn, setQuietOn] = useState(current.quietHours !== null);
  const [start, setStart] = useState(current.quietHours?.start ?? '22:00');
  const [end, setEnd] = useState(current.quietHours?.end ?? '07:00');
  const [urgentOverrides, setUrgentOverrides] = useState(current.urgentOverridesQuiet);
  const [saved, setSaved] = useState(false);
  useEffect(
    () => setSaved(false),
    [email, channels, timeZone, quietOn, start, end, urgentOverrides],
  );
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf?.('timeZone') ?? [];
    return all.includes(timeZone) ? all : [timeZone, ...all];
  }, [timeZone]);
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PUT('/api/v1/notifications/settings', {
          body: {
            email: email.trim() === '' ? null : email.trim(),
            channels,
            timeZone,
            quietHours: quietOn ? { start, end } : null,
            urgentOverridesQuiet: urgentOverrides,
          },
        }),
      ),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ['notifications', 'settings'] });
    },
  });
  const toggle = (kind: Kind, channel: Channel, on: boolean) =>
    setChannels((all) => ({
      ...all,
      [kind]: on
        ? [...all[kind].filter((c) => c !== channel), channel]
        : all[kind].filter((c) => c !== channel),
    }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        {!current.emailAvailable ? (
          <Alert color="gray">{t('notifications.settings.emailOff')}</Alert>
        ) : null}
        <TextInput
          label={t('notifications.settings.email')}
          description={t('notifications.settings.emailHint')}
          type="email"
          name="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Title order={3} size="h4">
          {t('notifications.settings.channels')}
        </Title>
        <Table data-testid="channels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notifications.what')}</Table.Th>
              <Table.Th>{t('notifications.settings.inbox')}</Table.Th>
              <Table.Th>{t('notifications.settings.emailChannel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.kinds.map((kind) => (
              <Table.Tr key={kind}>
                <Table.Td>{t(`notifications.kind.${kind}`)}</Table.Td>
                {(['inbox', 'email'] as const).map((channel) => (
                  <Table.Td key={channel}>
                    <Checkbox
                      aria-label={`${t(`notifications.kind.${kind}`)}: ${t(
                        channel === 'inbox'
                          ? 'notifications.settings.inbox'
                          : 'notifications.settings.emailChannel',
                      )}`}
                      data-testid={`channel-${kind}-${channel}`}
                      checked={channels[kind].includes(channel)}
                      onChange={(e) => toggle(kind, channel, e.currentTarget.checked)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={3} size="h4">
          {t('notifications.settings.quiet')}
        </Title>
        <Text size="sm">{t('notifications.settings.quietRule')}</Text>
        <NativeSelect
          label={t('notifications.settings.timeZone')}
          name="timeZone"
          value={timeZone}
          data={zones}
          onChange={(e) => setTimeZone(e.currentTarget.value)}
        />
        <Switch
          label={t('notifications.settings.quietOn')}
          checked={quietOn}
          data-testid="quiet-on"
          onChange={(e) => setQuietOn(e.currentTarget.checked)}
        />
        {quietOn ? (
          <Group>
            <TextInput
              type="time"
              name="quietStart"
              label={t('notifications.settings.quietStart')}
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
            />
            <TextInput
              type="time"
              name="quietEnd"
              label={t('notifications.settings.quietEnd')}
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
            />
          </Group>
        ) : null}
        <Switch
          label={t('notifications.settings.urgentOverrides')}
          checked={urgentOverrides}
          onChange={(e) => setUrgentOverrides(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="save-settings">
            {t('notifications.settings.save')}
          </Button>
          {saved ? (
            <Text role="status" c={BADGE.good} data-testid="settings-saved">
              {t('notifications.settings.saved')}
            </Text>
          ) : null}
          {save.isError ? (
            <Text role="alert" c={BADGE.bad}>
              {save.error.message}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
