import { useState } from 'react';
import { Badge, Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Title2, tokens } from '@fluentui/react-components';
import { call } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { plDate, officeToday } from '../format';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1000px' },
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap', padding: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', padding: tokens.spacingVerticalS, backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  grow: { flexGrow: 1 },
});

/** Setting and calling off substitutions (zastępstwa): heads for their units, admins for all. */
export function Substitutions() {
  const s = useStyles();
  const list = useApi('substitutions.list', {});
  const users = useApi('office.people', {});
  const today = officeToday();
  const [substituteId, setSubstituteId] = useState('');
  const [forUserId, setForUserId] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    try {
      await call('substitutions.create', { substituteId, forUserId, from, to });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const cancel = async (id: string) => {
    try {
      await call('substitutions.cancel', { id });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const people = users.data ?? [];
  return (
    <section className={s.wrap} aria-labelledby="subs-title">
      <Title2 as="h1" id="subs-title">{ui.substitutions.title}</Title2>
      <Text>{ui.substitutions.lead}</Text>
      {(error ?? list.error) && <MessageBar intent="error" layout="multiline"><MessageBarBody>{error ?? list.error}</MessageBarBody></MessageBar>}
      <div className={s.form}>
        <Field label={ui.substitutions.absent}>
          <Select value={forUserId} onChange={(_, d) => setForUserId(d.value)}>
            <option value="">—</option>
            {people.map((u) => <option key={u.id} value={u.id}>{u.fullName} ({u.unitSymbol})</option>)}
          </Select>
        </Field>
        <Field label={ui.substitutions.substitute}>
          <Select value={substituteId} onChange={(_, d) => setSubstituteId(d.value)}>
            <option value="">—</option>
            {people.map((u) => <option key={u.id} value={u.id}>{u.fullName} ({u.unitSymbol})</option>)}
          </Select>
        </Field>
        <Field label={ui.substitutions.from}><Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} /></Field>
        <Field label={ui.substitutions.to}><Input type="date" value={to} onChange={(_, d) => setTo(d.value)} /></Field>
        <Button appearance="primary" disabled={!substituteId || !forUserId} onClick={() => void add()}>{ui.substitutions.add}</Button>
      </div>
      <ul className={s.list} aria-label={ui.substitutions.listLabel}>
        {list.data?.length === 0 && <li>{ui.substitutions.none}</li>}
        {list.data?.map((x) => (
          <li key={x.id} className={s.row}>
            <Badge color={x.active ? 'success' : 'informative'}>{x.active ? ui.substitutions.active : ui.substitutions.planned}</Badge>
            <Text className={s.grow}>
              <strong>{x.substituteName}</strong> w zastępstwie: <strong>{x.forUserName}</strong> · {plDate(x.from)} – {plDate(x.to)}
            </Text>
            <Button onClick={() => void cancel(x.id)}>{ui.substitutions.cancel}</Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
