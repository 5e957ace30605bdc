import {
  Alert,
  Button,
  Center,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Session, setSession } from '../auth/session';
import { isLanguage, LANGUAGES } from '../i18n';
import { useLanguage } from '../i18n/use-language';

export function LoginPage() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailed(null);
    try {
      const login = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!login.ok) {
        setFailed(login.status === 401 ? t('login.failed') : `HTTP ${login.status}`);
        return;
      }
      const tokens = (await login.json()) as { accessToken: string; refreshToken: string };
      const me = await fetch('/api/v1/auth/me', {
        headers: { Authorization: `Bearer ${tokens.accessToken}` },
      });
      setSession({ ...tokens, user: (await me.json()) as Session['user'] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">
              {t('login.title')}
            </Title>
            <NativeSelect
              label={t('nav.language')}
              value={language}
              data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              onChange={(event) => {
                if (isLanguage(event.currentTarget.value)) setLanguage(event.currentTarget.value);
              }}
            />
            <TextInput
              label={t('login.username')}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            {failed && (
              <Alert color="red" role="alert">
                {failed}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
