import { useMemo, useState } from 'react';
import { Button, Field, Input, makeStyles, Select, Textarea, Title3, tokens } from '@fluentui/react-components';
import type { CaseDetail, User } from '#core/contract';
import { call } from '../api/client';
import { useApi } from '../api/query';
import { ui } from '../i18n';
import { peopleWithin } from '../unitPeople';
import { OpinionRequestsList, useOutcome } from './CaseFilePanel';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
});

/**
 * The case's own work besides its status: a notatka służbowa or an opinion into the file, and
 * (for the head) zmiana prowadzącego with its reason. Both end up in the metryka.
 */
export function CaseWorkPanel({ c, user }: { c: CaseDetail; user: User }) {
  const s = useStyles();
  const people = useApi('office.people', {});
  const units = useApi('office.units', {});
  // Asked for an opinion on this case: what they write here is that opinion.
  const [kind, setKind] = useState<'note' | 'opinion'>(c.opinionRequests.some((r) => r.askedOfId === user.id && r.answeredAt === null) ? 'opinion' : 'note');
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const [askedOf, setAskedOf] = useState('');
  const [question, setQuestion] = useState('');
  const [dueOn, setDueOn] = useState('');
  const { run, bars } = useOutcome();
  const open = c.status !== 'closed' && c.status !== 'cancelled';
  const candidates = useMemo(
    () => peopleWithin(c.unitId, units.data ?? [], people.data ?? []).filter((p) => (p.role === 'clerk' || p.role === 'head') && p.id !== c.ownerId),
    [c.unitId, c.ownerId, units.data, people.data],
  );
  if (c.status === 'cancelled') return null;
  return (
    <section aria-labelledby="case-work">
      <Title3 block as="h2" id="case-work">{user.role === 'head' || user.role === 'admin' ? ui.caseWork.title : ui.caseWork.titleNotes}</Title3>
      {bars}
      <div className={s.form} role="group" aria-label={ui.caseWork.noteGroup}>
        <div className={s.row}>
          <Field label={ui.caseWork.kind}>
            <Select value={kind} onChange={(_, d) => setKind(d.value as 'note' | 'opinion')}>
              <option value="note">{ui.caseWork.kinds.note}</option>
              <option value="opinion">{ui.caseWork.kinds.opinion}</option>
            </Select>
          </Field>
        </div>
        <Field label={ui.caseWork.text} hint={ui.caseWork.textHint}>
          <Textarea value={text} rows={3} resize="vertical" maxLength={4000} onChange={(_, d) => setText(d.value)} />
        </Field>
        <div>
          <Button
            disabled={text.trim() === ''}
            onClick={() => void run(() => call('cases.addNote', { caseId: c.id, kind, text }), ui.caseWork.noteAdded).then((ok) => ok && setText(''))}
          >
            {ui.caseWork.addNote}
          </Button>
        </div>
      </div>
      {c.mayWork && c.opinionColleagues.length > 0 && (
        <div className={s.form} role="group" aria-label={ui.caseWork.opinionGroup}>
          <div className={s.row}>
            <Field label={ui.caseWork.opinionOf}>
              <Select value={askedOf} onChange={(_, d) => setAskedOf(d.value)}>
                <option value="">—</option>
                {c.opinionColleagues.map((p) => <option key={p.id} value={p.id}>{p.fullName}</option>)}
              </Select>
            </Field>
            <Field label={ui.caseWork.opinionDue}>
              <Input type="date" value={dueOn} onChange={(_, d) => setDueOn(d.value)} />
            </Field>
          </div>
          <Field label={ui.caseWork.opinionQuestion}>
            <Textarea value={question} rows={2} resize="vertical" maxLength={2000} onChange={(_, d) => setQuestion(d.value)} />
          </Field>
          <div>
            <Button
              disabled={!askedOf}
              onClick={() =>
                void run(() => call('cases.requestOpinion', { caseId: c.id, askedOf, question, dueOn: dueOn || null }), ui.caseWork.opinionAsked(c.opinionColleagues.find((p) => p.id === askedOf)?.fullName ?? '')).then((ok) => {
                  if (ok) {
                    setAskedOf('');
                    setQuestion('');
                    setDueOn('');
                  }
                })
              }
            >
              {ui.caseWork.askOpinion}
            </Button>
          </div>
        </div>
      )}
      <OpinionRequestsList c={c} />
      {open && (user.role === 'head' || user.role === 'admin') && (
        <div className={s.form} role="group" aria-label={ui.caseWork.ownerGroup}>
          <div className={s.row}>
            <Field label={ui.caseWork.newOwner}>
              <Select value={ownerId} onChange={(_, d) => setOwnerId(d.value)}>
                <option value="">—</option>
                {candidates.map((p) => <option key={p.id} value={p.id}>{p.fullName} ({p.unitSymbol})</option>)}
              </Select>
            </Field>
            <Field label={ui.caseWork.reason}>
              <Input value={reason} onChange={(_, d) => setReason(d.value)} />
            </Field>
            <Button
              disabled={!ownerId}
              onClick={() =>
                void run(() => call('cases.changeOwner', { id: c.id, ownerId, reason, expectedRevision: c.revision }), ui.caseWork.ownerChanged(candidates.find((p) => p.id === ownerId)?.fullName ?? '')).then((ok) => {
                  if (ok) {
                    setOwnerId('');
                    setReason('');
                  }
                })
              }
            >
              {ui.caseWork.changeOwner}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
