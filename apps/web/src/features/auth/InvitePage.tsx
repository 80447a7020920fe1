// /invite?token=…: a signed-in person joins the organization; anyone else signs up (or in) first.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { LoadingState } from '../../components/states';
import { useErrorMessage } from '../../lib/errors';
import { AuthLayout } from './AuthLayout';
import { meQueryKey, useMe } from './session';

export function InvitePage() {
  const { t } = useTranslation('auth');
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api<{ organizationId?: string }>('invitations/accept', { method: 'POST', body: { token } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      void navigate('/', { replace: true });
    },
  });
  const back = `/invite?token=${encodeURIComponent(token)}`;
  return (
    <AuthLayout title={t('invite.title')} subtitle={t('invite.subtitle')}>
      {me.isPending ? (
        <LoadingState />
      ) : me.data ? (
        <Stack>
          <Text size="sm">{t('invite.signedInAs', { email: me.data.user.email })}</Text>
          {accept.error && (
            <Alert color="red" role="alert">
              {errorMessage(accept.error)}
            </Alert>
          )}
          <Button onClick={() => accept.mutate()} loading={accept.isPending} disabled={!token} data-testid="invite-accept">
            {t('invite.accept')}
          </Button>
        </Stack>
      ) : (
        <Group grow>
          <Button component={Link} to={`/sign-up?invitation=${encodeURIComponent(token)}&next=/`}>
            {t('invite.signUp')}
          </Button>
          <Button component={Link} variant="default" to={`/sign-in?next=${encodeURIComponent(back)}`}>
            {t('invite.signIn')}
          </Button>
        </Group>
      )}
    </AuthLayout>
  );
}
