import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../api/client';
import type { Page } from '../api/views';
import { Link } from '../app/router';
import type { SessionUser } from '../auth/session';
import { formatList } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { Loadable } from '../shared/Loadable';
import { HelpRequestsTable } from './HelpBoardPage';
import { Availability, Contacts, Tags } from './PartnerBadges';
import type { BoardItem, OrganisationView, PersonView } from './partner-views';

/** One expert: skills, where they work, languages, availability and the contacts they share. */
export function PersonPage({ id, user }: { id: string; user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const person = useQuery({
    queryKey: ['partners', 'person', id],
    queryFn: () =>
      getJson<PersonView & { organisation: OrganisationView | null }>(
        `/partners/people/${encodeURIComponent(id)}`,
      ),
  });
  const requests = useQuery({
    queryKey: ['help-requests', 'assignee', id],
    queryFn: () => getJson<Page<BoardItem>>('/help-requests', { assigneeId: id }),
  });
  const availability = useMutation({
    mutationFn: (available: boolean) =>
      postJson(`/partners/people/${encodeURIComponent(id)}/availability`, { available }, 'PUT'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
  return (
    <Loadable query={person}>
      {(p) => {
        const mayChange = user.role === 'admin' || p.userId === user.id;
        return (
          <Stack>
            <Title order={2}>{p.name}</Title>
            <Text>
              {p.jobTitle}
              {p.organisation && (
                <>
                  {' — '}
                  <Link to={`/directory/organisations/${encodeURIComponent(p.organisation.id)}`}>
                    {p.organisation.name}
                  </Link>
                </>
              )}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Card withBorder>
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    {t('partners.expertise')}
                  </Title>
                  <Tags tags={p.tags} />
                  <Text size="sm">
                    {t('partners.governorates')}:{' '}
                    {formatList(
                      language,
                      p.governorates.map((g) => governorateName(g, language)),
                    )}
                  </Text>
                  <Text size="sm">
                    {t('partners.languages')}:{' '}
                    {formatList(
                      language,
                      p.languages.map((l) => t(`partners.language.${l}`)),
                    )}
                  </Text>
                  <Group>
                    <Availability available={p.available} />
                    {mayChange && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={availability.isPending}
                        onClick={() => availability.mutate(!p.available)}
                        data-testid="toggle-availability"
                      >
                        {p.available ? t('partners.markUnavailable') : t('partners.markAvailable')}
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Card>
              <Card withBorder>
                <Title order={3} size="h4" mb="xs">
                  {t('partners.contacts')}
                </Title>
                <Contacts person={p} />
                {p.contacts.length === 0 && p.hiddenContacts === 0 && (
                  <Text size="sm">{t('partners.noContacts')}</Text>
                )}
                <Text size="xs" c="dimmed" mt="xs">
                  {t('partners.consentRule')}
                </Text>
              </Card>
            </SimpleGrid>
            {availability.isError && <Alert color="red">{availability.error.message}</Alert>}
            <Loadable query={requests}>
              {(page) => (
                <HelpRequestsTable title={t('partners.assignedRequests')} items={page.items} />
              )}
            </Loadable>
          </Stack>
        );
      }}
    </Loadable>
  );
}
