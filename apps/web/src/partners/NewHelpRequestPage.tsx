import {
  Alert,
  Button,
  Card,
  FileInput,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authFetch, ApiRequestError, postJson } from '../api/client';
import { navigate, useLocation } from '../app/router';
import type { SessionUser } from '../auth/session';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { useFacilities } from '../supply/queries';
import {
  HELP_CATEGORIES,
  HELP_URGENCIES,
  type HelpCategory,
  type HelpRequestView,
} from './partner-views';

/**
 * A new help request from a hospital, a plant or a dispatcher. A plant's page links here with
 * the plant and the category filled in (`?facilityId=&category=`) when it is down or degraded.
 */
export function NewHelpRequestPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { query } = useLocation();
  const own = user.role === 'hospital' || user.role === 'producer' ? user.facilityId : null;
  const facilities = useFacilities();
  const [facilityId, setFacilityId] = useState<string | null>(own ?? query.get('facilityId'));
  const [category, setCategory] = useState<string | null>(
    (HELP_CATEGORIES as readonly string[]).includes(query.get('category') ?? '')
      ? query.get('category')
      : null,
  );
  const [urgency, setUrgency] = useState<string | null>(query.get('category') ? 'high' : 'normal');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const open = useMutation({
    mutationFn: async () => {
      const hashes = [];
      for (const photo of photos) hashes.push(await uploadPhoto(photo));
      return postJson<HelpRequestView>('/help-requests', {
        facilityId,
        category,
        urgency,
        title,
        description,
        ...(hashes.length ? { photos: hashes } : {}),
      });
    },
    onSuccess: (opened) => navigate(`/help-requests/${encodeURIComponent(opened.requestId)}`),
  });
  const choices = (facilities.data ?? [])
    .filter((f) => !own || f.id === own)
    .map((f) => ({
      value: f.id,
      label: `${f.name} (${governorateName(f.governorate, language)})`,
    }));
  return (
    <Stack maw={720}>
      <Title order={2}>{t('partners.newRequest')}</Title>
      <Card withBorder>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            open.mutate();
          }}
        >
          <Stack>
            <Select
              label={t('partners.facility')}
              required
              searchable
              disabled={Boolean(own)}
              value={facilityId}
              onChange={setFacilityId}
              data={
                choices.length
                  ? choices
                  : facilityId
                    ? [{ value: facilityId, label: facilityId }]
                    : []
              }
              data-testid="new-facility"
            />
            <Select
              label={t('partners.category')}
              required
              value={category}
              onChange={setCategory}
              data={HELP_CATEGORIES.map((value: HelpCategory) => ({
                value,
                label: t(`partners.categories.${value}`),
              }))}
              data-testid="new-category"
            />
            <Select
              label={t('partners.urgency')}
              required
              value={urgency}
              onChange={setUrgency}
              data={HELP_URGENCIES.map((value) => ({
                value,
                label: t(`partners.urgencies.${value}`),
              }))}
              data-testid="new-urgency"
            />
            <TextInput
              label={t('partners.title')}
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              data-testid="new-title"
            />
            <Textarea
              label={t('partners.description')}
              required
              autosize
              minRows={3}
              maxLength={5000}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              data-testid="new-description"
            />
            <FileInput
              label={t('partners.photos')}
              multiple
              clearable
              accept="image/png,image/jpeg,image/webp"
              value={photos}
              onChange={(files) => setPhotos(files.slice(0, 5))}
            />
            {open.isError && (
              <Alert color="red" role="alert">
                {open.error.message}
              </Alert>
            )}
            <Button type="submit" loading={open.isPending} data-testid="new-submit">
              {t('partners.openRequest')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

/** Uploads a photo under its SHA-256 (harmless to repeat) and returns the hash. */
async function uploadPhoto(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const response = await authFetch(
    new Request(`/api/v1/help-requests/photos/${hash}`, {
      method: 'PUT',
      headers: { 'content-type': file.type },
      body: bytes,
    }),
  );
  if (!response.ok) {
    throw new ApiRequestError(response.status, await response.json().catch(() => undefined));
  }
  return hash;
}
