// Create an account (and with it a personal organization); an invitation link's token joins its organization too.
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { SessionResponse } from '@parley/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { AuthLayout } from './AuthLayout';
import { useStartSession } from './use-start-session';

export function SignUpPage() {
  const { t } = useTranslation('auth');
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const invitationToken = params.get('invitation') ?? undefined;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useStartSession(() =>
    api<SessionResponse>('auth/register', {
      method: 'POST',
      body: { email, password, ...(name.trim() ? { name: name.trim() } : {}), ...(invitationToken ? { invitationToken } : {}) },
    }),
  );
  const fields = fieldErrorsOf(signUp.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate();
  };
  return (
    <AuthLayout
      title={t('signUp.title')}
      subtitle={invitationToken ? t('signUp.invited') : t('signUp.subtitle')}
      footer={
        <>
          {t('signUp.haveAccount')}{' '}
          <Anchor component={Link} to="/sign-in">
            {t('signUp.signInLink')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate data-testid="sign-up-form">
        <Stack>
          {signUp.error && !Object.keys(fields).length && (
            <Alert color="red" role="alert">
              {errorMessage(signUp.error)}
            </Alert>
          )}
          <TextInput
            label={t('fields.name')}
            autoComplete="name"
            dir="auto"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields.name}
            name="name"
            data-autofocus
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            dir="ltr"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fields.email}
            name="email"
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('fields.passwordHint')}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.password}
            name="password"
          />
          <Button type="submit" loading={signUp.isPending} fullWidth data-testid="sign-up-submit">
            {t('signUp.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
