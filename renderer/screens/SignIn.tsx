import { useState } from 'react';
import { Button, Card, CardHeader, makeStyles, MessageBar, MessageBarBody, Spinner, Text, Title2, tokens } from '@fluentui/react-components';
import type { Role, User } from '#core/contract';
import { call } from '../api/client';
import { ui, roleLabels } from '../i18n';
import { useLoad, messageOf } from '../useAsync';

const useStyles = makeStyles({
  wrap: { maxWidth: '880px', marginInline: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  groups: { display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: tokens.spacingHorizontalL },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, listStyle: 'none', padding: 0, margin: 0 },
  user: { justifyContent: 'flex-start', textAlign: 'left', width: '100%' },
  meta: { color: tokens.colorNeutralForeground3, display: 'block' },
});

const ORDER: Role[] = ['registry', 'head', 'clerk', 'admin'];

export function SignIn({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const s = useStyles();
  const { data: users, error } = useLoad(() => call('session.demoUsers', {}), []);
  const [failure, setFailure] = useState<string | null>(null);
  const choose = async (u: User) => {
    try {
      onSignedIn(await call('session.signIn', { userId: u.id }));
    } catch (e) {
      setFailure(messageOf(e));
    }
  };
  return (
    <section className={s.wrap} aria-labelledby="signin-title">
      <Title2 id="signin-title" as="h1">{ui.signIn.title}</Title2>
      <Text>{ui.signIn.lead}</Text>
      {(error ?? failure) && <MessageBar intent="error"><MessageBarBody>{error ?? failure}</MessageBarBody></MessageBar>}
      {!users && !error && <Spinner label={ui.app.loading} />}
      <div className={s.groups}>
        {ORDER.map((role) => (
          <Card key={role}>
            <CardHeader header={<Text weight="semibold" as="h2">{ui.roles[role]}</Text>} />
            <ul className={s.list} aria-label={`${ui.signIn.listLabel}: ${roleLabels[role]}`}>
              {(users ?? [])
                .filter((u) => u.role === role)
                .map((u) => (
                  <li key={u.id}>
                    <Button className={s.user} appearance="subtle" data-login={u.login} onClick={() => void choose(u)}>
                      <span>
                        <strong>{u.fullName}</strong>
                        <span className={s.meta}>{u.position} · {u.unitSymbol}</span>
                      </span>
                    </Button>
                  </li>
                ))}
            </ul>
          </Card>
        ))}
      </div>
    </section>
  );
}
