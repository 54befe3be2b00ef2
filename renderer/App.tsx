import { useEffect, useState } from 'react';
import { FluentProvider, webLightTheme, makeStyles, tokens, Button, Spinner, Text, Badge, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { MethodOutput, User } from '#core/contract';
import { call } from './api/client';
import { ui, roleLabels } from './i18n';
import { messageOf } from './useAsync';
import { SignIn } from './screens/SignIn';
import { Intake } from './screens/Intake';
import { Register } from './screens/Register';
import { Admin } from './screens/Admin';
import { LetterDetail } from './screens/LetterDetail';
import { Inbox } from './screens/Inbox';
import { Substitutions } from './screens/Substitutions';
import { Dispatch } from './screens/Dispatch';
import { Terms } from './screens/Terms';
import { CaseView } from './screens/CaseView';
import { SearchBox } from './components/SearchBox';
import { SyncIndicator, type Reopened } from './components/SyncIndicator';
import { BackupIndicator } from './components/BackupIndicator';
import { Notifier } from './components/Notifier';
import { queryClient } from './api/query';

type Screen = 'inbox' | 'intake' | 'register' | 'dispatch' | 'terms' | 'substitutions' | 'admin';

const useStyles = makeStyles({
  shell: { display: 'grid', gridTemplateRows: '48px 1fr', gridTemplateColumns: '190px 1fr', height: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  top: {
    gridColumn: '1 / 3',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, flexShrink: 0 },
  // The office's name is who the desk works for: it keeps its room; the search box gives way first.
  office: { opacity: 0.9, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: '60px', flexShrink: 0, maxWidth: '40vw' },
  who: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, flexShrink: 1 },
  fixed: { flexShrink: 0, whiteSpace: 'nowrap' },
  spacer: { flexGrow: 1 },
  nav: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground1, borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  navButton: { justifyContent: 'flex-start' },
  // How this desk runs (browser or desktop): useful to IT, not worth header room.
  mode: { marginTop: 'auto', alignSelf: 'flex-start' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
  main: { overflow: 'auto', padding: tokens.spacingHorizontalL, minWidth: 0 },
  skip: { position: 'absolute', left: '-9999px', ':focus': { left: '8px', top: '8px', zIndex: 10, backgroundColor: tokens.colorNeutralBackground1, padding: '4px' } },
});

type Session = MethodOutput<'session.current'>;

export function App() {
  const s = useStyles();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>('intake');
  const [openLetter, setOpenLetter] = useState<string | null>(null);
  const [openCase, setOpenCase] = useState<string | null>(null);
  const [reopened, setReopened] = useState<Reopened | null>(null);
  // A new form for each reopened registration; saving it keeps the form (its success screen).
  const [intakeKey, setIntakeKey] = useState(0);

  useEffect(() => {
    call('session.current', {}).then(setSession, (e: unknown) => setError(messageOf(e)));
  }, []);

  const signedIn = (user: User) => {
    // Nothing cached under the previous person may show, not even for the moment a refetch takes.
    queryClient.clear();
    setSession((prev) => (prev ? { ...prev, user } : prev));
    // With a central server the sign-in has just synced the office's settings (its name).
    call('session.current', {}).then(setSession, () => undefined);
    setScreen(user.role === 'registry' ? 'intake' : user.role === 'admin' ? 'admin' : 'inbox');
  };
  const signOut = async () => {
    await call('session.signOut', {});
    queryClient.clear();
    setSession((prev) => (prev ? { ...prev, user: null } : prev));
  };

  let body;
  if (error) body = <MessageBar intent="error" layout="multiline"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  else if (!session) body = <Spinner label={ui.app.loading} />;
  if (body || !session) return <FluentProvider theme={webLightTheme}><main style={{ padding: 24 }}>{body}</main></FluentProvider>;

  const user = session.user;
  const canRegister = user?.role === 'registry' || user?.role === 'admin';
  return (
    <FluentProvider theme={webLightTheme}>
      <a href="#tresc" className={s.skip}>{ui.app.skipToContent}</a>
      <div className={s.shell}>
        <header className={s.top}>
          <Text className={s.brand}>{ui.app.name}</Text>
          <Text className={s.office}>{session.office.name}</Text>
          <span className={s.spacer} />
          {session.sync && user && (
            <SyncIndicator
              initial={session.sync}
              onReopen={
                user.role === 'registry' || user.role === 'admin'
                  ? (draft) => {
                      setReopened(draft);
                      setIntakeKey((k) => k + 1);
                      setScreen('intake');
                    }
                  : null
              }
            />
          )}
          {user && <BackupIndicator user={user} />}
          {user && (
            <>
              <SearchBox onOpenLetter={setOpenLetter} onOpenCase={setOpenCase} />
              <Text data-testid="signed-in-user" className={s.who} title={`${ui.app.signedInAs} ${user.fullName} — ${roleLabels[user.role]} (${user.unitSymbol})`}>
                <span className={s.hidden}>{ui.app.signedInAs} </span><strong>{user.fullName}</strong> · {roleLabels[user.role]} ({user.unitSymbol})
              </Text>
              <Button appearance="primary" className={s.fixed} onClick={() => void signOut()}>{ui.app.signOut}</Button>
            </>
          )}
        </header>
        {user ? (
          <>
            <nav className={s.nav} aria-label={ui.app.navLabel}>
              {user.role !== 'registry' && (
                <Button className={s.navButton} appearance={screen === 'inbox' ? 'primary' : 'subtle'} aria-current={screen === 'inbox' ? 'page' : undefined} onClick={() => setScreen('inbox')}>
                  {ui.nav.inbox}
                </Button>
              )}
              {canRegister && (
                <Button className={s.navButton} appearance={screen === 'intake' ? 'primary' : 'subtle'} aria-current={screen === 'intake' ? 'page' : undefined} onClick={() => setScreen('intake')}>
                  {ui.nav.intake}
                </Button>
              )}
              <Button className={s.navButton} appearance={screen === 'register' ? 'primary' : 'subtle'} aria-current={screen === 'register' ? 'page' : undefined} onClick={() => setScreen('register')}>
                {ui.nav.register}
              </Button>
              {canRegister && (
                <Button className={s.navButton} appearance={screen === 'dispatch' ? 'primary' : 'subtle'} aria-current={screen === 'dispatch' ? 'page' : undefined} onClick={() => setScreen('dispatch')}>
                  {ui.nav.dispatch}
                </Button>
              )}
              {user.role !== 'admin' && (
                <Button className={s.navButton} appearance={screen === 'terms' ? 'primary' : 'subtle'} aria-current={screen === 'terms' ? 'page' : undefined} onClick={() => setScreen('terms')}>
                  {ui.terms.nav}
                </Button>
              )}
              {(user.role === 'head' || user.role === 'admin') && (
                <Button className={s.navButton} appearance={screen === 'substitutions' ? 'primary' : 'subtle'} aria-current={screen === 'substitutions' ? 'page' : undefined} onClick={() => setScreen('substitutions')}>
                  {ui.nav.substitutions}
                </Button>
              )}
              {user.role === 'admin' && (
                <Button className={s.navButton} appearance={screen === 'admin' ? 'primary' : 'subtle'} aria-current={screen === 'admin' ? 'page' : undefined} onClick={() => setScreen('admin')}>
                  {ui.nav.admin}
                </Button>
              )}
              <Badge appearance="outline" className={s.mode}>{session.mode === 'browser' ? ui.app.modeBrowser : ui.app.modeElectron}</Badge>
            </nav>
            <main id="tresc" className={s.main}>
              {screen === 'intake' && canRegister && (
                <Intake
                  key={intakeKey}
                  reopened={reopened}
                  onReopenedSaved={() => setReopened(null)}
                  onShowInRegister={(id) => {
                    setScreen('register');
                    setOpenLetter(id);
                  }}
                />
              )}
              {screen === 'inbox' && <Inbox user={user} onOpenLetter={setOpenLetter} />}
              {screen === 'register' && <Register onOpen={setOpenLetter} />}
              {screen === 'dispatch' && canRegister && <Dispatch />}
              {screen === 'terms' && <Terms onOpenCase={setOpenCase} />}
              {screen === 'substitutions' && <Substitutions />}
              {screen === 'admin' && user.role === 'admin' && <Admin withServer={session.sync !== null} />}
            </main>
            <CaseView id={openCase} user={user} onClose={() => setOpenCase(null)} />
            <Notifier key={user.id} user={user} />
            {(
              <LetterDetail
                id={openLetter}
                user={user}
                onClose={() => setOpenLetter(null)}
              />
            )}
          </>
        ) : (
          <main id="tresc" className={s.main} style={{ gridColumn: '1 / 3' }}>
            <SignIn onSignedIn={signedIn} serverUrl={session.sync?.serverUrl ?? null} how={session.signIn} />
          </main>
        )}
      </div>
    </FluentProvider>
  );
}
