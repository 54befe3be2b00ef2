import { useRef, useState } from 'react';
import { Badge, Button, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Spinner, Tab, TabList, Text, Title3, tokens } from '@fluentui/react-components';
import { FinalityParties, FinalityStatus } from '../components/FinalityLines';
import { Modal } from '../components/Modal';
import type { CaseDetail, User } from '#core/contract';
import { call, openDocument } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { plDate } from '../format';
import { EventTimeline, FieldList, useDetailStyles } from '../components/EventTimeline';
import { DecisionEditor } from './DecisionEditor';
import { CaseWorkPanel } from '../components/CaseWorkPanel';
import { CaseDocumentsSection, CasePartiesSection } from '../components/CaseFilePanel';

const useStyles = makeStyles({
  // Wider on a large screen: the file and its metryka side by side without a long scroll.
  surface: { maxWidth: '1240px', width: '95vw' },
});

/** Badge colour of a deadline state: red when overdue, orange when close. */
export function deadlineColor(d: CaseDetail['deadline']): 'danger' | 'warning' | 'success' | 'informative' {
  return d === 'overdue' ? 'danger' : d === 'due-soon' || d === 'due-today' ? 'warning' : d === 'ok' ? 'success' : 'informative';
}

type Action = CaseDetail['allowedActions'][number];
/** The left column's parts: who and what is in the file, the drafts, the notes and opinions. */
type Section = 'file' | 'decisions' | 'work';

const useTabStyles = makeStyles({
  tabs: { marginBlock: tokens.spacingVerticalM },
});
const NEEDS_REASON: Action[] = ['suspend', 'reopen', 'cancel'];

function CaseBody({ id, user }: { id: string; user: User }) {
  const s = useDetailStyles();
  const detail = useApi('cases.get', { id });
  const decisions = useApi('decisions.forCase', { caseId: id });
  const types = useApi('decisions.types', {});
  const [typeCode, setTypeCode] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const createDraft = async () => {
    try {
      const d = await call('decisions.create', { caseId: id, typeCode });
      setEditing(d.id);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const [pending, setPending] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const c = detail.data;
  // Asked for an opinion on this case, the person lands where it is written (decided once, on
  // opening: answering it must not move them elsewhere).
  const [section, setSection] = useState<Section | null>(null);
  const landed = useRef<Section | null>(null);
  if (landed.current === null && c) landed.current = c.opinionRequests.some((r) => r.askedOfId === user.id && r.answeredAt === null) ? 'work' : 'file';
  const shown: Section = section ?? landed.current ?? 'file';
  const tabStyles = useTabStyles();
  const act = async (action: Action) => {
    if (!c) return;
    if (NEEDS_REASON.includes(action) && pending !== action) {
      setPending(action);
      return;
    }
    try {
      await call('cases.act', { id: c.id, action, expectedRevision: c.revision, reason: reason || null });
      setPending(null);
      setReason('');
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  if (detail.error) return <MessageBar intent="error" layout="multiline"><MessageBarBody>{detail.error}</MessageBarBody></MessageBar>;
  if (!c) return <Spinner />;
  return (
    <>
      <DialogTitle>
        {ui.caseView.title(c.label)} <Badge color={deadlineColor(c.deadline)}>{ui.inbox.deadlineStates[c.deadline]}</Badge>
      </DialogTitle>
      <DialogContent className={s.scroll}>
        {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
        <div className={s.actions}>
          {c.allowedActions.map((a) => (
            <Button key={a} appearance={pending === a ? 'primary' : 'secondary'} onClick={() => void act(a)}>
              {pending === a ? ui.caseView.confirm : ui.caseView.actions[a]}
            </Button>
          ))}
          {pending && (
            <Field label={ui.caseView.reason} required>
              <Input value={reason} onChange={(_, d) => setReason(d.value)} autoFocus />
            </Field>
          )}
          <Button onClick={() => void openDocument('cases.metrykaPdf', { id: c.id }).catch((e: unknown) => setError(messageOf(e)))}>{ui.caseView.metrykaPdf}</Button>
          <Button onClick={() => void openDocument('cases.registerPdf', { unitId: c.unitId, jrwaSymbol: c.jrwaSymbol, year: Number(c.label.split('.').at(-1)) || new Date().getFullYear() }).catch((e: unknown) => setError(messageOf(e)))}>
            {ui.caseView.spisPdf}
          </Button>
        </div>
        <div className={s.cols}>
          <section aria-label={c.title}>
            <Text weight="semibold" size={400} block>{c.title}</Text>
            <FieldList
              fields={[
                [ui.caseView.status, ui.caseView.statuses[c.status]],
                [ui.caseView.owner, c.ownerName],
                [ui.caseView.started, plDate(c.startedOn)],
                [ui.caseView.due, c.dueOn ? `${plDate(c.dueOn)}${c.workingDaysLeft !== null ? ` (${ui.inbox.daysLeft(c.workingDaysLeft)})` : ''}` : '—'],
                [ui.caseView.basis, c.deadlineBasis],
              ]}
            />
            <TabList className={tabStyles.tabs} selectedValue={shown} onTabSelect={(_, d) => setSection(d.value as Section)} aria-label={ui.caseView.sectionsLabel}>
              <Tab value="file">{ui.caseView.sections.file(c.parties.length, c.items.length + c.documents.length)}</Tab>
              <Tab value="decisions">{ui.caseView.sections.decisions(decisions.data?.length ?? 0)}</Tab>
              <Tab value="work">{ui.caseView.sections.work(c.opinionRequests.filter((r) => r.answeredAt === null).length)}</Tab>
            </TabList>
            {shown === 'file' && (
              <>
                <CasePartiesSection c={c} />
                <CaseDocumentsSection c={c} />
              </>
            )}
            {shown === 'decisions' && (
              <>
              <Title3 block as="h2">{ui.decisions.section}</Title3>
              <ul className={s.list} aria-label={ui.decisions.section}>
                {decisions.data?.length === 0 && <li className={s.muted}>{ui.decisions.none}</li>}
                {decisions.data?.map((x) => (
                  <li key={x.id}>
                    <Button appearance="transparent" onClick={() => setEditing(x.id)}>{x.typeName}</Button> · {ui.decisions.statuses[x.status]} · {ui.decisions.version(x.currentVersion)}
                    {x.number ? ` · nr ${x.number}` : ''}
                    {x.finality && (
                      <>
                        {' · '}
                        <FinalityStatus f={x.finality} decisionId={x.id} />
                        <FinalityParties f={x.finality} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
              {(user.role === 'clerk' || user.role === 'head') && c.status !== 'closed' && c.status !== 'cancelled' && (
                <div className={s.actions}>
                  <Field label={ui.decisions.type}>
                    <Select value={typeCode} onChange={(_, v) => setTypeCode(v.value)}>
                      <option value="">—</option>
                      <optgroup label={ui.decisions.typeGroups.decisions}>
                        {(types.data ?? []).filter((t) => t.kind === 'decision' || t.kind === 'certificate').map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
                      </optgroup>
                      <optgroup label={ui.decisions.typeGroups.letters}>
                        {(types.data ?? []).filter((t) => t.kind !== 'decision' && t.kind !== 'certificate').map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
                      </optgroup>
                    </Select>
                  </Field>
                  <Button disabled={!typeCode} onClick={() => void createDraft()}>{ui.decisions.newDraft}</Button>
                </div>
              )}
              </>
            )}
            {shown === 'work' && <CaseWorkPanel c={c} user={user} />}
            <DecisionEditor id={editing} user={user} onClose={() => setEditing(null)} />
          </section>
          <section aria-labelledby="metryka-title">
            <Title3 block as="h2" id="metryka-title">{ui.caseView.metryka}</Title3>
            <EventTimeline events={c.metryka} />
          </section>
        </div>
      </DialogContent>
    </>
  );
}

/** A case's window: data, deadline, file, metryka and the actions its status allows. */
export function CaseView({ id, user, onClose }: { id: string | null; user: User; onClose: () => void }) {
  const s = useStyles();
  return (
    <Modal open={id !== null} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={s.surface}>
        <DialogBody>
          <>{id && <CaseBody key={id} id={id} user={user} />}</>
          <DialogActions>
            <Button onClick={onClose}>{ui.common.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Modal>
  );
}
