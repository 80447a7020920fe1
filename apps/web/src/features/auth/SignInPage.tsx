// Sign in with email and password; back to the page that asked for it.
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { SessionResponse } from '@parley/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { AuthLayout } from './AuthLayout';
import { useStartSession } from './use-start-session';

export function SignInPage() {
  const { t } = useTranslation('auth');
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useStartSession(() => api<SessionResponse>('auth/login', { method: 'POST', body: { email, password } }));
  const fields = fieldErrorsOf(signIn.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <AuthLayout
      title={t('signIn.title')}
      subtitle={t('signIn.subtitle')}
      footer={
        <>
          {t('signIn.noAccount')}{' '}
          <Anchor component={Link} to={`/sign-up${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>
            {t('signIn.signUpLink')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate data-testid="sign-in-form">
        <Stack>
          {signIn.error && !Object.keys(fields).length && (
            <Alert color="red" role="alert">
              {errorMessage(signIn.error)}
            </Alert>
          )}
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            dir="ltr"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fields.email}
            data-autofocus
            name="email"
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.password}
            name="password"
          />
          <Button type="submit" loading={signIn.isPending} fullWidth data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
