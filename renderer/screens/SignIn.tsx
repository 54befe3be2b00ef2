import { useRef, useState } from 'react';
import { Button, Card, CardHeader, Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, Text, Title2, tokens } from '@fluentui/react-components';
import type { Role, User } from '#core/contract';
import { ApiCallError, call } from '../api/client';
import { ui, roleLabels } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';

const useStyles = makeStyles({
  wrap: { maxWidth: '880px', marginInline: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  groups: { display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: tokens.spacingHorizontalL },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, listStyle: 'none', padding: 0, margin: 0 },
  user: { justifyContent: 'flex-start', textAlign: 'left', width: '100%' },
  meta: { color: tokens.colorNeutralForeground3, display: 'block' },
  narrow: { maxWidth: '420px', marginInline: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const ORDER: Role[] = ['registry', 'head', 'clerk', 'admin'];

/** Login and password: checked by the central server, or on a standalone workstation by itself. */
function PasswordSignIn({ serverUrl, onSignedIn }: { serverUrl: string | null; onSignedIn: (u: User) => void }) {
  const s = useStyles();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onSignedIn(await call('session.login', { login, password }));
    } catch (e) {
      // The sync's own "offline" words promise that changes will be sent later; at sign-in
      // there is nothing to send yet, and no way in without the server.
      setFailure(e instanceof ApiCallError && e.code === 'SYNC_SERVER_UNREACHABLE' && serverUrl !== null ? ui.signIn.serverUnreachable(serverUrl) : messageOf(e));
      setPassword('');
      // Typing the password again is the next thing to do.
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={s.narrow} aria-labelledby="signin-title">
      <Title2 id="signin-title" as="h1">{ui.signIn.title}</Title2>
      <Text>{serverUrl === null ? ui.signIn.localLead : ui.signIn.serverLead(serverUrl)}</Text>
      {failure && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{failure}</MessageBarBody></MessageBar>}
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={ui.signIn.login} required>
          <Input value={login} autoFocus autoComplete="username" onChange={(_, d) => setLogin(d.value)} />
        </Field>
        <Field label={ui.signIn.password} required>
          <Input ref={passwordRef} type="password" value={password} autoComplete="current-password" onChange={(_, d) => setPassword(d.value)} />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy}>{busy ? ui.signIn.signingIn : ui.signIn.signIn}</Button>
      </form>
    </section>
  );
}

export function SignIn({ onSignedIn, serverUrl, how }: { onSignedIn: (u: User) => void; serverUrl: string | null; how: 'server' | 'local' | 'demo' | 'none' }) {
  if (how === 'server' && serverUrl) return <PasswordSignIn serverUrl={serverUrl} onSignedIn={onSignedIn} />;
  if (how === 'local') return <PasswordSignIn serverUrl={null} onSignedIn={onSignedIn} />;
  if (how === 'demo') return <DemoSignIn onSignedIn={onSignedIn} />;
  return <NoSignIn />;
}

/** No server, no demo office, no password kept here: nobody is let in by picking a name, and the screen says what to do. */
function NoSignIn() {
  const s = useStyles();
  return (
    <section className={s.narrow} aria-labelledby="signin-title">
      <Title2 id="signin-title" as="h1">{ui.signIn.title}</Title2>
      <MessageBar intent="warning" layout="multiline" role="alert">
        <MessageBarBody>
          <strong>{ui.signIn.noAccountsTitle}.</strong> {ui.signIn.noAccounts}
        </MessageBarBody>
      </MessageBar>
      <Text>{ui.signIn.demoHint}</Text>
    </section>
  );
}

/** The demo office's picker: a one-workstation office without a server. */
function DemoSignIn({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const s = useStyles();
  const { data: users, error } = useApi('session.demoUsers', {});
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
      {(error ?? failure) && <MessageBar intent="error" layout="multiline"><MessageBarBody>{error ?? failure}</MessageBarBody></MessageBar>}
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
