import { useRef, useState, type ReactNode } from 'react';
import { Badge, Button, Card, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Title3, tokens } from '@fluentui/react-components';
import type { Directory, Role } from '#core/contract';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/query';
import { roleLabels, ui } from '../i18n';
import { messageOf } from '../useAsync';
import { FormDialog } from '../components/FormDialog';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBlock: tokens.spacingVerticalM },
  fields: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    '& > *': { flex: '1 1 200px', minWidth: 0, maxWidth: '100%' },
    // A select is as wide as its longest option unless told otherwise: long unit names overflowed the card.
    '& .fui-Select, & select': { minWidth: 0, maxWidth: '100%' },
  },
  muted: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  gone: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

type Unit = Directory['units'][number];
type Person = Directory['people'][number];
const ROLES: Role[] = ['registry', 'clerk', 'head', 'admin'];

/** Field props for a form's field under its name: its message, red while it has one. */
function fieldOf(fields: Record<string, string>, name: string) {
  return { validationMessage: fields[name], validationState: fields[name] ? ('error' as const) : ('none' as const) };
}

/** A form's call: on refusal, the message for the banner and each field's under the field. */
function useForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (f: () => Promise<unknown>): Promise<boolean> => {
    setFields({});
    setError(null);
    try {
      await f();
      return true;
    } catch (e) {
      setFields(e instanceof ApiCallError ? e.fields : {});
      setError(messageOf(e));
      return false;
    }
  };
  return { fields, error, submit };
}

function UnitOptions({ units, except }: { units: Unit[]; except?: string }) {
  return (
    <>
      <option value="">{ui.directory.topLevel}</option>
      {units.filter((u) => u.active && u.id !== except).map((u) => <option key={u.id} value={u.id}>{u.symbol} — {u.name}</option>)}
    </>
  );
}

/** Komórki: the tree as a list by symbol; a new one, and a change (name, parent, closing). */
function UnitsCard({ d, onDone }: { d: Directory; onDone: (message: string) => void }) {
  const s = useStyles();
  const add = useForm();
  const [draft, setDraft] = useState({ symbol: '', name: '', parentId: '' });
  const [editing, setEditing] = useState<Unit | null>(null);
  const symbolOf = (id: string | null) => d.units.find((u) => u.id === id)?.symbol ?? '—';
  return (
    <Card>
      <Title3 block as="h2" id="units-title">{ui.directory.units}</Title3>
      <table className={s.table} aria-labelledby="units-title">
        <thead>
          <tr>
            <th scope="col">{ui.directory.symbol}</th>
            <th scope="col">{ui.directory.unitName}</th>
            <th scope="col">{ui.directory.parent}</th>
            <th scope="col">{ui.directory.state}</th>
            <th scope="col"><span className={s.muted}>{ui.directory.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          {d.units.map((u) => (
            <tr key={u.id} className={u.active ? undefined : s.gone}>
              <td className={s.mono}>{u.symbol}</td>
              <td>{u.name}</td>
              <td className={s.mono}>{symbolOf(u.parentId)}</td>
              <td>{u.active ? ui.directory.open : <Badge appearance="outline">{ui.directory.closed}</Badge>}</td>
              <td><Button size="small" aria-label={ui.directory.changeUnitLabel(u.symbol)} onClick={() => setEditing(u)}>{ui.directory.change}</Button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className={s.form}
        aria-label={ui.directory.newUnit}
        onSubmit={(e) => {
          e.preventDefault();
          void add.submit(() => call('directory.addUnit', { symbol: draft.symbol, name: draft.name, parentId: draft.parentId || null })).then((ok) => {
            if (ok) {
              onDone(ui.directory.unitAdded(draft.symbol.trim()));
              setDraft({ symbol: '', name: '', parentId: '' });
            }
          });
        }}
      >
        <div className={s.fields}>
          <Field label={ui.directory.symbol} hint={ui.directory.symbolHint} {...fieldOf(add.fields, 'symbol')}>
            <Input value={draft.symbol} onChange={(_, v) => setDraft({ ...draft, symbol: v.value })} />
          </Field>
          <Field label={ui.directory.unitName} {...fieldOf(add.fields, 'name')}>
            <Input value={draft.name} onChange={(_, v) => setDraft({ ...draft, name: v.value })} />
          </Field>
          <Field label={ui.directory.parent} {...fieldOf(add.fields, 'parentId')}>
            <Select value={draft.parentId} onChange={(_, v) => setDraft({ ...draft, parentId: v.value })}>
              <UnitOptions units={d.units} />
            </Select>
          </Field>
        </div>
        <div><Button type="submit" appearance="primary">{ui.directory.addUnit}</Button></div>
      </form>
      {add.error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{add.error}</MessageBarBody></MessageBar>}
      <UnitDialog unit={editing} d={d} onClose={() => setEditing(null)} onDone={onDone} />
    </Card>
  );
}

/** The last non-null value: a closing dialog keeps its title and content while it fades out. */
function useLast<T>(value: T | null): T | null {
  const last = useRef<T | null>(value);
  if (value !== null) last.current = value;
  return value ?? last.current;
}

function UnitDialog({ unit: open, d, onClose, onDone }: { unit: Unit | null; d: Directory; onClose: () => void; onDone: (message: string) => void }) {
  const unit = useLast(open);
  const form = useForm();
  const [draft, setDraft] = useState<{ name: string; parentId: string; active: boolean } | null>(null);
  const current = draft ?? (unit ? { name: unit.name, parentId: unit.parentId ?? '', active: unit.active } : null);
  const close = () => {
    setDraft(null);
    onClose();
  };
  return (
    <FormDialog
      submitLabel={ui.directory.save}
      open={open !== null}
      title={unit ? ui.directory.changeUnitTitle(unit.symbol) : ''}
      error={form.error}
      onClose={close}
      onSubmit={() => {
        if (!unit || !current) return;
        void form.submit(() => call('directory.changeUnit', { id: unit.id, name: current.name, parentId: current.parentId || null, active: current.active })).then((ok) => {
          if (ok) {
            onDone(ui.directory.unitChanged(unit.symbol));
            close();
          }
        });
      }}
    >
      {unit && current && (
        <>
          <Field label={ui.directory.unitName} {...fieldOf(form.fields, 'name')}>
            <Input value={current.name} onChange={(_, v) => setDraft({ ...current, name: v.value })} />
          </Field>
          <Field label={ui.directory.parent} {...fieldOf(form.fields, 'parentId')}>
            <Select value={current.parentId} onChange={(_, v) => setDraft({ ...current, parentId: v.value })}>
              <UnitOptions units={d.units} except={unit.id} />
            </Select>
          </Field>
          <Field {...fieldOf(form.fields, 'active')}>
            <Checkbox checked={current.active} label={ui.directory.unitOpen} onChange={(_, v) => setDraft({ ...current, active: v.checked === true })} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}

type PersonDraft = { fullName: string; position: string; role: Role; unitId: string };

/** Who a person is in the office: name (then the login, for a new one), position, role, unit. */
function PersonFields<T extends PersonDraft>({ value, set, fields, units, login }: { value: T; set: (v: T) => void; fields: Record<string, string>; units: Unit[]; login?: ReactNode }) {
  return (
    <>
      <Field label={ui.directory.fullName} {...fieldOf(fields, 'fullName')}>
        <Input value={value.fullName} onChange={(_, v) => set({ ...value, fullName: v.value })} />
      </Field>
      {login}
      <Field label={ui.directory.position} {...fieldOf(fields, 'position')}>
        <Input value={value.position} onChange={(_, v) => set({ ...value, position: v.value })} />
      </Field>
      <Field label={ui.directory.role} {...fieldOf(fields, 'role')}>
        <Select value={value.role} onChange={(_, v) => set({ ...value, role: v.value as Role })}>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabels[r]}</option>)}
        </Select>
      </Field>
      <Field label={ui.directory.unit} {...fieldOf(fields, 'unitId')}>
        <Select value={value.unitId} onChange={(_, v) => set({ ...value, unitId: v.value })}>
          {value.unitId === '' && <option value="">{ui.directory.choose}</option>}
          {units.filter((u) => u.active || u.id === value.unitId).map((u) => <option key={u.id} value={u.id}>{u.symbol} — {u.name}</option>)}
        </Select>
      </Field>
    </>
  );
}

const EMPTY_PERSON = { login: '', fullName: '', position: '', role: 'clerk' as Role, unitId: '' };

/** Pracownicy: who works here (and who left), a new person, and a change of role, unit or presence. */
function PeopleCard({ d, serverMode, demo, onDone }: { d: Directory; serverMode: boolean; demo: boolean; onDone: (message: string) => void }) {
  const s = useStyles();
  const add = useForm();
  const [draft, setDraft] = useState(EMPTY_PERSON);
  const [editing, setEditing] = useState<Person | null>(null);
  const [passwordFor, setPasswordFor] = useState<Person | null>(null);
  const [showGone, setShowGone] = useState(false);
  const symbolOf = (id: string) => d.units.find((u) => u.id === id)?.symbol ?? '?';
  const shown = d.people.filter((p) => p.active || showGone);
  return (
    <Card>
      <Title3 block as="h2" id="people-title">{ui.directory.people}</Title3>
      <Checkbox checked={showGone} label={ui.directory.showGone(d.people.filter((p) => !p.active).length)} onChange={(_, v) => setShowGone(v.checked === true)} />
      <table className={s.table} aria-labelledby="people-title">
        <thead>
          <tr>
            <th scope="col">{ui.directory.fullName}</th>
            <th scope="col">{ui.directory.login}</th>
            <th scope="col">{ui.directory.position}</th>
            <th scope="col">{ui.directory.role}</th>
            <th scope="col">{ui.directory.unit}</th>
            <th scope="col"><span className={s.muted}>{ui.directory.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id} className={p.active ? undefined : s.gone}>
              <td>
                {p.fullName} {!p.active && <Badge appearance="outline">{ui.directory.left}</Badge>}
              </td>
              <td className={s.mono}>{p.login}</td>
              <td>{p.position}</td>
              <td>{roleLabels[p.role]}</td>
              <td className={s.mono}>{symbolOf(p.unitId)}</td>
              <td>
                <Button size="small" aria-label={ui.directory.changePersonLabel(p.fullName)} onClick={() => setEditing(p)}>{ui.directory.change}</Button>{' '}
                {!serverMode && p.active && <Button size="small" aria-label={ui.directory.setPasswordLabel(p.fullName)} onClick={() => setPasswordFor(p)}>{ui.directory.setPassword}</Button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className={s.form}
        aria-label={ui.directory.newPerson}
        onSubmit={(e) => {
          e.preventDefault();
          void add.submit(() => call('directory.addPerson', draft)).then((ok) => {
            if (ok) {
              onDone(serverMode ? ui.directory.personAddedServer(draft.fullName.trim(), draft.login.trim().toLowerCase()) : demo ? ui.directory.personAdded(draft.fullName.trim()) : ui.directory.personAddedLocal(draft.fullName.trim()));
              setDraft(EMPTY_PERSON);
            }
          });
        }}
      >
        <div className={s.fields}>
          <PersonFields
            value={draft}
            set={setDraft}
            fields={add.fields}
            units={d.units}
            login={
              <Field label={ui.directory.login} hint={ui.directory.loginHint} {...fieldOf(add.fields, 'login')}>
                <Input value={draft.login} onChange={(_, v) => setDraft({ ...draft, login: v.value })} />
              </Field>
            }
          />
        </div>
        <div><Button type="submit" appearance="primary">{ui.directory.addPerson}</Button></div>
      </form>
      {add.error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{add.error}</MessageBarBody></MessageBar>}
      <PersonDialog person={editing} d={d} onClose={() => setEditing(null)} onDone={onDone} />
      <PasswordDialog person={passwordFor} onClose={() => setPasswordFor(null)} onDone={onDone} />
    </Card>
  );
}

/** A standalone workstation: the administrator gives a person a new password (typed twice). */
function PasswordDialog({ person: open, onClose, onDone }: { person: Person | null; onClose: () => void; onDone: (message: string) => void }) {
  const person = useLast(open);
  const form = useForm();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [differ, setDiffer] = useState(false);
  const close = () => {
    setPassword('');
    setAgain('');
    setDiffer(false);
    onClose();
  };
  return (
    <FormDialog
      submitLabel={ui.directory.save}
      open={open !== null}
      title={person ? ui.directory.setPasswordTitle(person.fullName, person.login) : ''}
      error={differ ? ui.directory.passwordsDiffer : form.error}
      onClose={close}
      onSubmit={() => {
        if (!person) return;
        setDiffer(password !== again);
        if (password !== again) return;
        void form.submit(() => call('accounts.setPassword', { userId: person.id, password })).then((ok) => {
          if (ok) {
            onDone(ui.directory.passwordSet(person.fullName));
            close();
          }
        });
      }}
    >
      <Field label={ui.directory.newPassword} hint={ui.directory.newPasswordHint} {...fieldOf(form.fields, 'password')}>
        <Input type="password" autoComplete="new-password" value={password} onChange={(_, v) => setPassword(v.value)} />
      </Field>
      <Field label={ui.directory.repeatPassword}>
        <Input type="password" autoComplete="new-password" value={again} onChange={(_, v) => setAgain(v.value)} />
      </Field>
    </FormDialog>
  );
}

function PersonDialog({ person: open, d, onClose, onDone }: { person: Person | null; d: Directory; onClose: () => void; onDone: (message: string) => void }) {
  const person = useLast(open);
  const form = useForm();
  const [draft, setDraft] = useState<Omit<Person, 'id' | 'login'> | null>(null);
  const current = draft ?? person;
  const close = () => {
    setDraft(null);
    onClose();
  };
  return (
    <FormDialog
      submitLabel={ui.directory.save}
      open={open !== null}
      title={person ? ui.directory.changePersonTitle(person.fullName, person.login) : ''}
      error={form.error}
      onClose={close}
      onSubmit={() => {
        if (!person || !current) return;
        const { fullName, position, role, unitId, active } = current;
        void form.submit(() => call('directory.changePerson', { id: person.id, fullName, position, role, unitId, active })).then((ok) => {
          if (ok) {
            onDone(ui.directory.personChanged(fullName.trim()));
            close();
          }
        });
      }}
    >
      {current && (
        <>
          <PersonFields value={current} set={setDraft} fields={form.fields} units={d.units} />
          <Field {...fieldOf(form.fields, 'active')}>
            <Checkbox checked={current.active} label={ui.directory.works} onChange={(_, v) => setDraft({ ...current, active: v.checked === true })} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}

/** Ludzie i komórki: the office's directory as its administrator keeps it. */
export function DirectoryAdmin() {
  const list = useApi('directory.list', {});
  const session = useApi('session.current', {});
  const [done, setDone] = useState<string | null>(null);
  if (list.error) return <MessageBar intent="error" layout="multiline"><MessageBarBody>{list.error}</MessageBarBody></MessageBar>;
  if (!list.data) return <Text>{ui.common.loading}</Text>;
  return (
    <>
      {done && <MessageBar intent="success" layout="multiline" role="status"><MessageBarBody>{done}</MessageBarBody></MessageBar>}
      <UnitsCard d={list.data} onDone={setDone} />
      <PeopleCard d={list.data} serverMode={session.data?.sync != null} demo={session.data?.demo === true} onDone={setDone} />
    </>
  );
}
