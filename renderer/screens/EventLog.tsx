import { useState } from 'react';
import { Button, Card, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Title3, tokens } from '@fluentui/react-components';
import { call } from '../api/client';
import { useApi, useApiPages } from '../api/query';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { plDateTime } from '../format';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap', marginBlock: tokens.spacingVerticalM },
  grow: { flexGrow: 1, minWidth: '220px' },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  when: { whiteSpace: 'nowrap' },
  ref: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Filter = { text: string | null; actorId: string | null; from: string | null; to: string | null };
const NONE: Filter = { text: null, actorId: null, from: null, to: null };

/**
 * Dziennik zdarzeń: everything recorded in the office's metryka this workstation holds, newest
 * first, by person, days and words; and the hash chain checked end to end on request.
 */
export function EventLog() {
  const s = useStyles();
  const people = useApi('office.people', {});
  const [draft, setDraft] = useState<Filter>(NONE);
  const [filter, setFilter] = useState<Filter>(NONE);
  // One cursor per page shown: "older" adds the page below the last entry seen.
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const pages = useApiPages('admin.eventLog', cursors.map((beforeSeq) => ({ ...filter, beforeSeq, limit: 100 })));
  const rows = pages.flatMap((p) => p.data?.rows ?? []);
  const error = pages.find((p) => p.error)?.error ?? null;
  const last = pages.at(-1)?.data;
  const [chain, setChain] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const apply = () => {
    setFilter({ ...draft, text: draft.text?.trim() ? draft.text.trim() : null });
    setCursors([null]);
  };
  const verify = async () => {
    setChain(null);
    try {
      const r = await call('admin.eventLogVerify', {});
      setChain(r.firstBroken ? { intent: 'error', text: ui.eventLog.broken(r.firstBroken.seq, r.firstBroken.reason) } : { intent: 'success', text: ui.eventLog.intact(r.count) });
    } catch (e) {
      setChain({ intent: 'error', text: messageOf(e) });
    }
  };
  return (
    <Card>
      <Title3 block as="h2">{ui.eventLog.title}</Title3>
      <Text className={s.muted}>{ui.eventLog.lead}</Text>
      <form
        className={s.filters}
        aria-label={ui.eventLog.filters}
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Field label={ui.eventLog.text} className={s.grow}>
          <Input value={draft.text ?? ''} placeholder={ui.eventLog.textPlaceholder} onChange={(_, d) => setDraft({ ...draft, text: d.value })} />
        </Field>
        <Field label={ui.eventLog.person}>
          <Select value={draft.actorId ?? ''} onChange={(_, d) => setDraft({ ...draft, actorId: d.value || null })}>
            <option value="">{ui.eventLog.anyone}</option>
            {(people.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.fullName}</option>)}
          </Select>
        </Field>
        <Field label={ui.eventLog.from}>
          <Input type="date" value={draft.from ?? ''} onChange={(_, d) => setDraft({ ...draft, from: d.value || null })} />
        </Field>
        <Field label={ui.eventLog.to}>
          <Input type="date" value={draft.to ?? ''} onChange={(_, d) => setDraft({ ...draft, to: d.value || null })} />
        </Field>
        <Button type="submit" appearance="primary">{ui.eventLog.show}</Button>
        <Button onClick={() => void verify()}>{ui.eventLog.verify}</Button>
      </form>
      {chain && <MessageBar intent={chain.intent} layout="multiline" role={chain.intent === 'error' ? 'alert' : 'status'}><MessageBarBody>{chain.text}</MessageBarBody></MessageBar>}
      {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      <table className={s.table} aria-label={ui.eventLog.title}>
        <thead>
          <tr>
            <th scope="col">{ui.eventLog.columns.seq}</th>
            <th scope="col">{ui.eventLog.columns.at}</th>
            <th scope="col">{ui.eventLog.columns.who}</th>
            <th scope="col">{ui.eventLog.columns.document}</th>
            <th scope="col">{ui.eventLog.columns.what}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && pages.every((p) => p.data !== null) && (
            <tr>
              <td colSpan={5} className={s.muted}>{ui.eventLog.empty}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.seq}</td>
              <td className={s.when}>{plDateTime(r.at)}</td>
              <td>
                {r.actorName}
                <div className={s.muted}>{r.onBehalfOfName ? ui.eventLog.onBehalfOf(r.onBehalfOfName) : r.actorPosition}</div>
              </td>
              <td className={s.ref}>{r.documentRef ?? '—'}</td>
              <td>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {last?.hasMore && (
        <div>
          <Button onClick={() => setCursors((c) => [...c, rows.at(-1)?.seq ?? null])}>{ui.eventLog.older}</Button>
        </div>
      )}
    </Card>
  );
}
