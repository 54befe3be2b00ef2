import { useMemo, useState } from 'react';
import { Button, Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import type { MethodOutput, User } from '#core/contract';
import { call } from '../api/client';
import { useApi } from '../api/query';
import { ui } from '../i18n';
import { peopleWithin } from '../unitPeople';

type Instruction = 'do_zalatwienia' | 'do_wiadomosci' | 'do_opinii';
export type AssignResults = MethodOutput<'dekretacja.assign'>;

const useStyles = makeStyles({
  panel: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'start', flexWrap: 'wrap', padding: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  note: { flexGrow: 1, minWidth: '260px' },
  // The button sits level with the inputs, under their labels.
  go: { alignSelf: 'end' },
});

/**
 * Dekretacja: whom, how, by when and what the head says to them (several lines, shown to the
 * clerk on the item). One form for the inbox's ticked letters and for the letter window.
 * `items` carry whose authority each goes out under when the head is a substitute.
 */
export function AssignPanel({ user, items, onAssigned, onFailed, autoFocus = false }: { user: User; items: { id: string; forUserId: string | null }[]; onAssigned: (results: AssignResults) => void; onFailed: (message: unknown) => void; autoFocus?: boolean }) {
  const s = useStyles();
  const users = useApi('office.people', {});
  const units = useApi('office.units', {});
  const [assignee, setAssignee] = useState('');
  const [instruction, setInstruction] = useState<Instruction>('do_zalatwienia');
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  // People a head may assign to: their unit and its sub-units.
  const colleagues = useMemo(() => peopleWithin(user.unitId, units.data ?? [], users.data ?? []).filter((u) => u.id !== user.id), [units.data, users.data, user]);

  const assign = async () => {
    setBusy(true);
    try {
      // Items a substitute assigns go out in the name of the head they stand in for.
      const groups = new Map<string | null, string[]>();
      for (const item of items) groups.set(item.forUserId, [...(groups.get(item.forUserId) ?? []), item.id]);
      const results: AssignResults = [];
      for (const [actingForId, itemIds] of groups) {
        results.push(...(await call('dekretacja.assign', { itemIds, userIds: [assignee], instruction, deadline: deadline || null, note: note.trim() || null, actingForId })));
      }
      if (results.every((r) => r.ok)) setNote('');
      onAssigned(results);
    } catch (e) {
      onFailed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.panel} role="group" aria-label={ui.inbox.assignTitle}>
      <Field label={ui.inbox.assignTo}>
        {/* Opened from a button that gives way to the form: the focus starts here, not on the page body. */}
        <Select value={assignee} autoFocus={autoFocus} onChange={(_, d) => setAssignee(d.value)}>
          <option value="">—</option>
          {colleagues.map((u) => <option key={u.id} value={u.id}>{u.fullName} ({u.unitSymbol})</option>)}
        </Select>
      </Field>
      <Field label={ui.inbox.instruction}>
        <Select value={instruction} onChange={(_, d) => setInstruction(d.value as Instruction)}>
          {(Object.keys(ui.inbox.instructions) as Instruction[]).map((k) => <option key={k} value={k}>{ui.inbox.instructions[k]}</option>)}
        </Select>
      </Field>
      <Field label={ui.inbox.deadline}>
        <Input type="date" value={deadline} onChange={(_, d) => setDeadline(d.value)} />
      </Field>
      <Field label={ui.inbox.note} hint={ui.inbox.noteHint} className={s.note}>
        <Textarea value={note} rows={2} resize="vertical" maxLength={2000} onChange={(_, d) => setNote(d.value)} />
      </Field>
      <Button appearance="primary" className={s.go} disabled={items.length === 0 || !assignee || busy} onClick={() => void assign()}>
        {ui.inbox.assign} ({items.length})
      </Button>
    </div>
  );
}
