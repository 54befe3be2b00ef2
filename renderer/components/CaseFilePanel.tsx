import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Title3, tokens } from '@fluentui/react-components';
import type { CaseDetail, Party } from '#core/contract';
import { call, openDocument, uploadFile } from '../api/client';
import { casePartyRoleLabels, ui } from '../i18n';
import { messageOf } from '../useAsync';
import { plDate, plDateTime } from '../format';
import { useDetailStyles } from './EventTimeline';
import { PartyPicker } from './PartyPicker';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap', marginBlock: tokens.spacingVerticalS },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '220px' },
  hiddenFile: { display: 'none' },
});

type Role = keyof typeof casePartyRoleLabels;
const ROLES = Object.keys(casePartyRoleLabels) as Role[];

/** Runs one case-work call: its error or its confirmation shown above the section. */
export function useOutcome() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The button pressed is often disabled by its own success (its form cleared): focus goes to
  // the message instead of the page body, so the reader hears it and Escape still closes the window.
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done || error) said.current?.focus();
  }, [done, error]);
  const run = async (f: () => Promise<unknown>, message: string): Promise<boolean> => {
    setError(null);
    setDone(null);
    try {
      await f();
      setDone(message);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  };
  const bars = (
    <div ref={said} tabIndex={-1}>
      {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {done && <MessageBar intent="success" layout="multiline" role="status"><MessageBarBody>{done}</MessageBarBody></MessageBar>}
    </div>
  );
  return { run, bars };
}

/**
 * Strony sprawy: who takes part now, with their role. Whoever works the case adds a party from
 * the register of parties or takes one off with a reason (the metryka keeps both).
 */
export function CasePartiesSection({ c }: { c: CaseDetail }) {
  const d = useDetailStyles();
  const s = useStyles();
  const { run, bars } = useOutcome();
  const [party, setParty] = useState<Party | null>(null);
  const [role, setRole] = useState<Role>('strona');
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="case-parties">
      <Title3 block as="h2" id="case-parties">{ui.caseView.parties}</Title3>
      {bars}
      <ul className={d.list}>
        {c.parties.length === 0 && <li className={d.muted}>{ui.caseFile.partiesEmpty}</li>}
        {c.parties.map((p) => (
          <li key={p.id}>
            <div className={s.line}>
              <span>{p.name} <span className={d.muted}>({Object.hasOwn(casePartyRoleLabels, p.role) ? casePartyRoleLabels[p.role as Role] : p.role})</span></span>
              {c.mayWork && removing !== p.id && (
                <Button size="small" appearance="subtle" aria-label={ui.caseFile.removePartyLabel(p.name)} onClick={() => { setRemoving(p.id); setReason(''); }}>
                  {ui.caseFile.removeParty}
                </Button>
              )}
            </div>
            {removing === p.id && (
              <div className={s.row}>
                <Field label={ui.caseFile.removeReason} required className={s.grow}>
                  <Input value={reason} autoFocus onChange={(_, v) => setReason(v.value)} />
                </Field>
                <Button
                  appearance="primary"
                  onClick={() => void run(() => call('cases.removeParty', { caseId: c.id, partyId: p.id, reason }), ui.caseFile.partyRemoved(p.name)).then((ok) => ok && setRemoving(null))}
                >
                  {ui.caseFile.confirmRemove}
                </Button>
                <Button onClick={() => setRemoving(null)}>{ui.caseFile.cancel}</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {c.mayWork && (
        <div className={s.row} role="group" aria-label={ui.caseFile.addPartyGroup}>
          <Field label={ui.caseFile.party} className={s.grow}>
            <PartyPicker id={`case-party-${c.id}`} value={party} onChange={setParty} />
          </Field>
          <Field label={ui.caseFile.role}>
            <Select value={role} onChange={(_, v) => setRole(v.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{casePartyRoleLabels[r]}</option>)}
            </Select>
          </Field>
          <Button
            disabled={!party}
            onClick={() => party && void run(() => call('cases.addParty', { caseId: c.id, partyId: party.id, role }), ui.caseFile.partyAdded(party.name)).then((ok) => ok && setParty(null))}
          >
            {ui.caseFile.addParty}
          </Button>
        </div>
      )}
    </section>
  );
}

/**
 * Akta sprawy: its letters and the documents put into it besides them (a protocol, a map, a
 * file brought in person), each opened from here; whoever works the case adds one.
 */
export function CaseDocumentsSection({ c }: { c: CaseDetail }) {
  const d = useDetailStyles();
  const s = useStyles();
  const { run, bars } = useOutcome();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const add = async () => {
    if (!file || busy) return;
    setBusy(true);
    const ok = await run(async () => {
      const staged = await uploadFile(file, 'cases.stageDocument');
      await call('cases.addDocument', { caseId: c.id, sha256: staged.sha256, fileName: staged.fileName, title });
    }, ui.caseFile.documentAdded(title.trim()));
    setBusy(false);
    if (ok) {
      setTitle('');
      setFile(null);
      if (picker.current) picker.current.value = '';
    }
  };
  return (
    <section aria-labelledby="case-items">
      <Title3 block as="h2" id="case-items">{ui.caseView.items}</Title3>
      <ul className={d.list}>
        {c.items.length === 0 && <li className={d.muted}>{ui.caseFile.itemsEmpty}</li>}
        {c.items.map((i) => <li key={i.id}><strong>{i.label}</strong> — {i.senderName}: {i.subject}</li>)}
      </ul>
      <Title3 block as="h2" id="case-documents">{ui.caseFile.documents}</Title3>
      {bars}
      <ul className={d.list} aria-labelledby="case-documents">
        {c.documents.length === 0 && <li className={d.muted}>{ui.caseFile.documentsEmpty}</li>}
        {c.documents.map((x) => (
          <li key={x.id} className={s.line}>
            <span>
              <strong>{x.title}</strong> <span className={d.muted}>({x.fileName}) · {ui.caseFile.documentLine(x.pageCount, x.addedByName, plDateTime(x.addedAt))}</span>
            </span>
            <Button size="small" aria-label={ui.caseFile.openLabel(x.title)} onClick={() => void run(() => openDocument('cases.document', { caseId: c.id, documentId: x.id }), '')}>
              {ui.caseFile.open}
            </Button>
          </li>
        ))}
      </ul>
      {c.mayWork && (
        <div className={s.row} role="group" aria-label={ui.caseFile.addDocumentGroup}>
          <Field label={ui.caseFile.documentTitle} hint={ui.caseFile.documentTitleHint} className={s.grow}>
            <Input value={title} maxLength={300} onChange={(_, v) => setTitle(v.value)} />
          </Field>
          <input
            ref={picker}
            className={s.hiddenFile}
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff"
            aria-label={ui.caseFile.chooseFile}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <div>
            <Button onClick={() => picker.current?.click()}>{ui.caseFile.chooseFile}</Button>
            <Text className={d.muted}> {file ? file.name : ui.caseFile.noFile}</Text>
          </div>
          <Button disabled={!file || busy} onClick={() => void add()}>{ui.caseFile.addDocument}</Button>
        </div>
      )}
    </section>
  );
}

/** The opinions asked on the case: who, waiting or given when. */
export function OpinionRequestsList({ c }: { c: CaseDetail }) {
  const d = useDetailStyles();
  if (c.opinionRequests.length === 0) return null;
  return (
    <>
      <Text weight="semibold" block>{ui.caseWork.opinionsTitle}</Text>
      <ul className={d.list} aria-label={ui.caseWork.opinionsTitle}>
        {c.opinionRequests.map((r) => (
          <li key={r.id}>
            {r.answeredAt ? ui.caseWork.opinionGiven(r.askedOfName, plDateTime(r.answeredAt)) : ui.caseWork.opinionWaiting(r.askedOfName, r.dueOn ? plDate(r.dueOn) : null)}
            <div className={d.muted}>{r.question}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
