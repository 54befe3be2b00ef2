import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  SpinButton,
  Text,
  Textarea,
  Title2,
  Title3,
  tokens,
  Badge,
} from '@fluentui/react-components';
import type { Channel, Duplicate, IncomingDetail, InboxFile, MessageDraft, Party, SignatureCheck, StagedScan } from '#core/contract';
import { call, fetchFile, openDocument, uploadFile, uploadScan, ApiCallError } from '../api/client';
import { ui, channelLabels } from '../i18n';
import { plDateTime } from '../format';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { PartyPicker } from '../components/PartyPicker';
import { PartyDialog } from '../components/PartyDialog';
import { ScanPreview } from '../components/ScanPreview';
import { AttachToLetterDialog } from '../components/AttachToLetterDialog';
import type { Reopened } from '../components/SyncIndicator';
import { SignatureVerdict } from '../components/SignatureVerdict';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '260px minmax(420px, 1fr) minmax(320px, 0.9fr)', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  form: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  wide: { gridColumn: '1 / 3' },
  top: { alignSelf: 'start' },
  senderRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flexGrow: 1 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  attachedRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: tokens.spacingVerticalXS, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  fileRow: { display: 'flex', flexDirection: 'column', gap: '2px', padding: tokens.spacingVerticalXS, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  fileName: { wordBreak: 'break-all', fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  drop: { border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusLarge, padding: tokens.spacingVerticalM, textAlign: 'center' },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  big: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightBold, fontFamily: tokens.fontFamilyMonospace },
});

type Attached = StagedScan & { inboxName: string | null };

type Draft = {
  channel: Channel;
  receivedAt: string;
  sender: Party | null;
  senderReference: string;
  letterDate: string;
  postmarkedOn: string;
  postmarkOperator: 'designated' | 'other';
  subject: string;
  attachmentsCount: number;
  trackingNumber: string;
  remarks: string;
  unitId: string;
  /** The Message-ID of the e-mail the form was filled from. */
  externalId: string | null;
};

/** `YYYY-MM-DDTHH:mm` in the workstation's local time, for a datetime-local input. */
function localInput(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return localInput(d);
}

/** An electronic letter's file (an e-mail, an ePUAP document) the registry reads into the form, not a scan. */
const isMessageFile = (name: string) => /\.(eml|msg|xml|zip)$/i.test(name);

const emptyDraft = (): Draft => ({ channel: 'paper', receivedAt: localNow(), sender: null, senderReference: '', letterDate: '', postmarkedOn: '', postmarkOperator: 'designated', subject: '', attachmentsCount: 0, trackingNumber: '', remarks: '', unitId: '', externalId: null });

/** The intake form filled with a registration the server refused. */
function draftOf(r: Reopened): Draft {
  return {
    channel: r.channel,
    receivedAt: localInput(new Date(r.receivedAt)),
    sender: r.sender,
    senderReference: r.senderReference ?? '',
    letterDate: r.letterDate ?? '',
    postmarkedOn: r.postmarkedOn ?? '',
    postmarkOperator: r.postmarkOperator ?? 'designated',
    subject: r.subject,
    attachmentsCount: r.attachmentsCount,
    trackingNumber: r.trackingNumber ?? '',
    remarks: r.remarks ?? '',
    unitId: r.unitId,
    externalId: null,
  };
}

export function Intake({ onShowInRegister, reopened = null, onReopenedSaved }: { onShowInRegister: (id: string) => void; reopened?: Reopened | null; onReopenedSaved?: () => void }) {
  const s = useStyles();
  const units = useApi('office.units', {});
  const [inbox, setInbox] = useState<{ folder: string | null; files: InboxFile[]; problem: string | null } | null>(null);
  const [draft, setDraft] = useState<Draft>(() => (reopened ? draftOf(reopened) : emptyDraft()));
  const [attached, setAttached] = useState<Attached[]>(() => (reopened ? reopened.scans.map((x) => ({ ...x, inboxName: null })) : []));
  // The refused registration this form corrects: it leaves "do wyjaśnienia" when this one is saved.
  const [replaces, setReplaces] = useState<Reopened | null>(reopened);
  const [preview, setPreview] = useState<{ title: string; load: () => Promise<Blob> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<string[]>([]);
  const [signatures, setSignatures] = useState<(SignatureCheck & { file: string })[]>([]);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setDone] = useState<IncomingDetail | null>(null);
  // The success screen follows the letter: in server mode its provisional label becomes the
  // server's number while the registry clerk is still printing the receipt.
  const now = useApi('intake.get', { id: saved?.id ?? '' }, { enabled: saved !== null, keepPrevious: true });
  const done = saved && now.data?.id === saved.id ? now.data : saved;
  const [partyOpen, setPartyOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [attachFile, setAttachFile] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refreshInbox = useCallback(() => {
    call('scans.inbox', {}).then(setInbox, (e: unknown) => setError(messageOf(e)));
  }, []);
  useEffect(() => {
    refreshInbox();
    const t = setInterval(refreshInbox, 3000);
    return () => clearInterval(t);
  }, [refreshInbox]);

  useEffect(() => {
    if (saved) doneRef.current?.focus();
  }, [saved]);

  // Warn while the clerk types, not only at the end: same file or same sender + reference.
  useEffect(() => {
    const t = setTimeout(() => {
      call('intake.checkDuplicates', { senderId: draft.sender?.id ?? null, senderReference: draft.senderReference.trim() || null, sha256s: attached.map((a) => a.sha256), externalId: draft.externalId }).then(setDuplicates, () => undefined);
    }, 250);
    return () => clearTimeout(t);
  }, [draft.sender, draft.senderReference, draft.externalId, attached]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const attach = (scan: StagedScan, inboxName: string | null) => {
    setAttached((list) => (list.some((a) => a.sha256 === scan.sha256) ? list : [...list, { ...scan, inboxName }]));
    setNotes((n) => [...n, ...scan.warnings]);
    setSignatures((list) => [...list, ...scan.signatures.map((sig) => ({ file: scan.fileName, ...sig }))]);
    setPreview({ title: scan.fileName, load: () => fetchFile('scans.blob', { sha256: scan.sha256 }).then((f) => f.blob) });
  };

  const stageFromInbox = async (name: string) => {
    setError(null);
    try {
      if (isMessageFile(name)) applyMessage(await call('intake.readMessageFromInbox', { name }), name, name);
      else attach(await call('scans.stageFromInbox', { name }), name);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  /**
   * An e-mail, an ePUAP document or an e-Doręczenia message: the form filled from it (what the
   * clerk already typed stays), its documents attached. From the watched folder, the file moves
   * to "zarejestrowane" with the letter, as a scan does.
   */
  const applyMessage = (m: MessageDraft, fileName: string, inboxName: string | null) => {
    m.scans.forEach((scan, i) => attach(scan, i === 0 ? inboxName : null));
    // The message itself is what the clerk reads first.
    const first = m.scans[0];
    if (first) setPreview({ title: first.fileName, load: () => fetchFile('scans.blob', { sha256: first.sha256 }).then((x) => x.blob) });
    setDraft((d) => ({
      ...d,
      channel: m.channel,
      // e-Doręczenia: the box's sealed evidence says when it arrived. An e-mail arrives when it is
      // sent; an ePUAP form's date is the day it was written (the letter's date).
      receivedAt: m.receivedAt
        ? localInput(new Date(m.receivedAt))
        : m.channel !== 'epuap' && m.sentAt && new Date(m.sentAt).getTime() <= Date.now()
          ? localInput(new Date(m.sentAt))
          : d.receivedAt,
      letterDate: m.channel === 'epuap' && m.sentAt ? m.sentAt.slice(0, 10) : d.letterDate,
      sender: d.sender ?? m.sender,
      subject: d.subject || m.subject,
      externalId: m.messageId,
    }));
    setNotes((n) => [
      ...n,
      ui.intake.mailRead(fileName, [m.fromName, m.fromAddress ? `<${m.fromAddress}>` : null].filter(Boolean).join(' ')),
      ...(m.sender === null && m.fromAddress && !m.senderDetails ? [ui.intake.mailSenderUnknown(m.fromAddress)] : []),
      ...(m.sender === null && m.senderDetails ? [ui.intake.documentSenderUnknown([m.fromName, m.senderDetails.pesel ? `PESEL ${m.senderDetails.pesel}` : null, m.senderDetails.nip ? `NIP ${m.senderDetails.nip}` : null, [m.senderDetails.street, m.senderDetails.postalCode, m.senderDetails.city].filter(Boolean).join(' ')].filter(Boolean).join(', '))] : []),
      ...m.signatures.map((x) => x.summary),
      ...m.skipped.map((x) => ui.intake.mailSkipped(x.fileName, x.reason)),
    ]);
  };
  const readMessage = async (f: File) => {
    applyMessage(await uploadFile(f, 'intake.readMessage'), f.name, null);
  };

  const uploadFiles = async (files: FileList | File[]) => {
    setError(null);
    for (const f of Array.from(files)) {
      try {
        if (isMessageFile(f.name)) await readMessage(f);
        else attach(await uploadScan(f), null);
      } catch (e) {
        setError(messageOf(e));
      }
    }
  };

  const submit = async (acknowledgeDuplicates: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const detail = await call('intake.register', {
        channel: draft.channel,
        receivedAt: new Date(draft.receivedAt).toISOString(),
        senderId: draft.sender?.id ?? '',
        senderReference: draft.senderReference,
        letterDate: draft.letterDate || null,
        // Only a letter that came by post keeps its day of posting.
        postmarkedOn: draft.channel === 'paper' && draft.postmarkedOn ? draft.postmarkedOn : null,
        postmarkOperator: draft.channel === 'paper' && draft.postmarkedOn ? draft.postmarkOperator : null,
        externalId: draft.externalId,
        subject: draft.subject,
        attachmentsCount: draft.attachmentsCount,
        trackingNumber: draft.trackingNumber,
        remarks: draft.remarks,
        unitId: draft.unitId,
        scans: attached.map((a) => ({ sha256: a.sha256, fileName: a.fileName })),
        inboxFiles: attached.flatMap((a) => (a.inboxName ? [a.inboxName] : [])),
        acknowledgeDuplicates,
        replaces: replaces?.mutationId ?? null,
      });
      if (replaces) {
        setReplaces(null);
        onReopenedSaved?.();
      }
      setDone(detail);
      refreshInbox();
    } catch (e) {
      if (e instanceof ApiCallError) {
        const f = { ...e.fields };
        if (f.senderId && !draft.sender) f.senderId = 'Wybierz nadawcę z listy albo dodaj nowego.';
        if (f.unitId && !draft.unitId) f.unitId = 'Wybierz komórkę, do której trafi pismo.';
        setFields(f);
      }
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setDone(null);
    // A cleared form is a new letter, no longer the correction of the refused one (it stays "do wyjaśnienia").
    setReplaces(null);
    setDraft(emptyDraft());
    setAttached([]);
    setNotes([]);
    setSignatures([]);
    setPreview(null);
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[data-field]')?.focus(), 0);
  };

  // Enter moves to the next field as on the paper-register forms clerks know; Ctrl+Enter registers.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      void submit(false);
      return;
    }
    const t = e.target as HTMLElement;
    // In "Dotyczy" and "Uwagi" too: the hint says Enter moves on; Shift+Enter starts a new line.
    if ((t.tagName === 'TEXTAREA' && e.shiftKey) || t.tagName === 'BUTTON' || t.getAttribute('aria-expanded') === 'true') return;
    // A field that is off (the operator, with no postmark date) is passed over, not a dead end.
    const all = Array.from(formRef.current?.querySelectorAll<HTMLElement>('[data-field]') ?? []).filter((el) => !el.matches(':disabled'));
    const i = all.findIndex((el) => el === t || el.contains(t));
    if (i >= 0) {
      e.preventDefault();
      all[i + 1]?.focus();
    }
  };

  const fieldProps = (k: string) => ({ validationMessage: fields[k], validationState: fields[k] ? ('error' as const) : ('none' as const) });
  const unitOptions = useMemo(() => units.data ?? [], [units.data]);

  if (done) {
    return (
      <section aria-labelledby="done-title" className={s.column} style={{ maxWidth: 720 }}>
        <Title2 as="h1" id="done-title">{ui.intake.registeredTitle(done.label)}</Title2>
        <Card>
          <Text className={s.big} data-testid="registered-number">{done.label}</Text>
          <Text>{done.senderName} — {done.subject}</Text>
          <Text>
            {ui.intake.statusCode} <strong>{done.statusCode.slice(0, 4)}-{done.statusCode.slice(4)}</strong>
          </Text>
          {done.provisional && <Text className={s.muted}>{ui.intake.provisionalLead}</Text>}
          <Text className={s.muted}>{ui.intake.registeredLead}</Text>
          <div className={s.actions}>
            <Button ref={doneRef} appearance="primary" onClick={() => void openDocument('documents.receipt', { id: done.id }).catch((e: unknown) => setError(messageOf(e)))}>
              {ui.intake.printReceipt}
            </Button>
            <Button onClick={() => void openDocument('documents.label', { id: done.id }).catch((e: unknown) => setError(messageOf(e)))}>{ui.intake.printLabel}</Button>
            <Button onClick={() => onShowInRegister(done.id)}>{ui.intake.showInRegister}</Button>
            <Button onClick={next}>{ui.intake.next}</Button>
          </div>
        </Card>
        {error && <MessageBar intent="error" layout="multiline"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      </section>
    );
  }

  return (
    <section aria-labelledby="intake-title" className={s.column}>
      <Title2 as="h1" id="intake-title">{ui.intake.title}</Title2>
      {replaces && (
        <MessageBar intent="warning" data-testid="reopened">
          <MessageBarBody>{ui.intake.reopenedLead(replaces.reason)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.layout}>
        <aside className={s.column} aria-labelledby="inbox-title">
          <Title3 block as="h2" id="inbox-title">{ui.intake.scansTitle}</Title3>
          <Text className={s.muted}>{inbox?.folder ? `${ui.intake.scansFolder} ${inbox.folder}` : ui.intake.scansFolderNotSet}</Text>
          {info && <MessageBar intent="success"><MessageBarBody>{info}</MessageBarBody></MessageBar>}
          {inbox?.problem && <MessageBar intent="warning" layout="multiline"><MessageBarBody>{inbox.problem}</MessageBarBody></MessageBar>}
          <ul className={s.list} aria-label={ui.intake.scansTitle}>
            {inbox?.files.length === 0 && <li className={s.muted}>{ui.intake.scansEmpty}</li>}
            {inbox?.files.map((f) => {
              const used = attached.some((a) => a.inboxName === f.name);
              return (
                <li key={f.name} className={s.fileRow}>
                  <span className={s.fileName}>{f.name}</span>
                  <span className={s.muted}>
                    {(f.size / 1024).toFixed(0)} KB · {plDateTime(f.modifiedAt)} {f.settling && <Badge color="warning">{ui.intake.scanSettling}</Badge>}
                  </span>
                  <span className={s.actions}>
                    <Button size="small" appearance="primary" disabled={f.settling || used} onClick={() => void stageFromInbox(f.name)} aria-label={`${ui.intake.useScan}: ${f.name}`}>
                      {ui.intake.useScan}
                    </Button>
                    {!isMessageFile(f.name) && (
                      <Button size="small" disabled={f.settling || used} onClick={() => setAttachFile(f.name)} aria-label={`${ui.intake.attachToExisting} ${f.name}`}>
                        {ui.intake.attachToExisting}
                      </Button>
                    )}
                    <Button
                      size="small"
                      appearance="subtle"
                      disabled={f.settling || isMessageFile(f.name)}
                      onClick={() => setPreview({ title: f.name, load: () => fetchFile('scans.inboxFile', { name: f.name }).then((x) => x.blob) })}
                      aria-label={`${ui.intake.previewInbox}: ${f.name}`}
                    >
                      {ui.intake.previewInbox}
                    </Button>
                  </span>
                </li>
              );
            })}
          </ul>
          <Button size="small" onClick={refreshInbox}>{ui.intake.refresh}</Button>
          <div
            className={dragging ? `${s.drop} ${s.dropActive}` : s.drop}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              void uploadFiles(e.dataTransfer.files);
            }}
          >
            <Text>{ui.intake.dropHere}</Text>{' '}
            <Button size="small" appearance="transparent" onClick={() => fileInput.current?.click()}>{ui.intake.pickFiles}</Button>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              aria-label={ui.intake.pickFiles}
              accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.eml,.msg,.xml,.zip,application/pdf,image/jpeg,image/png,image/tiff,message/rfc822,application/vnd.ms-outlook,application/zip"
              onChange={(e) => {
                if (e.target.files) void uploadFiles(e.target.files);
                e.target.value = '';
              }}
            />
          </div>
        </aside>

        <form ref={formRef} className={s.column} onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} aria-labelledby="intake-title">
          {error && (
            <MessageBar intent="error" layout="multiline" role="alert">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          {duplicates.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{ui.intake.duplicatesTitle}</MessageBarTitle>
                {duplicates.map((d) => d.message).join(' ')}
              </MessageBarBody>
            </MessageBar>
          )}
          {signatures.map((sig) => (
            <SignatureVerdict key={`${sig.file}-${sig.signer}-${sig.signingTime ?? ''}`} file={sig.file} signature={sig} />
          ))}
          {notes.map((n) => (
            <MessageBar key={n} intent="info"><MessageBarBody>{n}</MessageBarBody></MessageBar>
          ))}
          <div className={s.form}>
            <Field label={ui.intake.channel} {...fieldProps('channel')}>
              <Select data-field value={draft.channel} onChange={(_, d) => set('channel', d.value as Channel)}>
                {(Object.keys(channelLabels) as Channel[]).map((c) => <option key={c} value={c}>{channelLabels[c]}</option>)}
              </Select>
            </Field>
            <Field label={ui.intake.receivedAt} required {...fieldProps('receivedAt')}>
              <Input data-field type="datetime-local" value={draft.receivedAt} max={localNow()} onChange={(_, d) => set('receivedAt', d.value)} />
            </Field>
            <Field label={ui.intake.sender} required className={s.wide} {...fieldProps('senderId')}>
              <div className={s.senderRow}>
                <div className={s.grow}>
                  <PartyPicker id="sender" value={draft.sender} onChange={(p) => set('sender', p)} invalid={Boolean(fields.senderId)} />
                </div>
                <Button onClick={() => setPartyOpen(true)}>{ui.intake.addSender}</Button>
              </div>
            </Field>
            <Field label={ui.intake.senderReference} {...fieldProps('senderReference')}>
              <Input data-field value={draft.senderReference} onChange={(_, d) => set('senderReference', d.value)} />
            </Field>
            <Field label={ui.intake.letterDate} {...fieldProps('letterDate')}>
              <Input data-field type="date" value={draft.letterDate} onChange={(_, d) => set('letterDate', d.value)} />
            </Field>
            {draft.channel === 'paper' && (
              <>
                <Field label={ui.intake.postmarkedOn} hint={ui.intake.postmarkHint} {...fieldProps('postmarkedOn')}>
                  <Input data-field type="date" value={draft.postmarkedOn} onChange={(_, d) => set('postmarkedOn', d.value)} />
                </Field>
                <Field label={ui.intake.postmarkOperator} className={s.top} {...fieldProps('postmarkOperator')}>
                  <Select data-field value={draft.postmarkOperator} disabled={!draft.postmarkedOn} onChange={(_, d) => set('postmarkOperator', d.value === 'other' ? 'other' : 'designated')}>
                    {(['designated', 'other'] as const).map((o) => <option key={o} value={o}>{ui.intake.postmarkOperators[o]}</option>)}
                  </Select>
                </Field>
              </>
            )}
            <Field label={ui.intake.subject} required className={s.wide} {...fieldProps('subject')}>
              <Textarea data-field value={draft.subject} resize="vertical" onChange={(_, d) => set('subject', d.value)} />
            </Field>
            <Field label={ui.intake.attachmentsCount} {...fieldProps('attachmentsCount')}>
              <SpinButton data-field min={0} max={9999} value={draft.attachmentsCount} onChange={(_, d) => set('attachmentsCount', Number(d.value ?? d.displayValue ?? 0) || 0)} />
            </Field>
            <Field label={ui.intake.trackingNumber} {...fieldProps('trackingNumber')}>
              <Input data-field value={draft.trackingNumber} onChange={(_, d) => set('trackingNumber', d.value)} />
            </Field>
            <Field label={ui.intake.unit} required className={s.wide} {...fieldProps('unitId')}>
              <Select data-field value={draft.unitId} onChange={(_, d) => set('unitId', d.value)}>
                <option value="">{ui.intake.unitPlaceholder}</option>
                {unitOptions.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.symbol} — {u.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={ui.intake.remarks} className={s.wide} {...fieldProps('remarks')}>
              <Textarea data-field value={draft.remarks} onChange={(_, d) => set('remarks', d.value)} />
            </Field>
          </div>
          <div>
            <Title3 block as="h2">{ui.intake.attached}</Title3>
            {attached.length === 0 && <Text className={s.muted}>{ui.intake.noneAttached}</Text>}
            <ul className={s.list}>
              {attached.map((a) => (
                <li key={a.sha256} className={s.attachedRow}>
                  <Button appearance="transparent" onClick={() => setPreview({ title: a.fileName, load: () => fetchFile('scans.blob', { sha256: a.sha256 }).then((f) => f.blob) })}>
                    {a.fileName} · {ui.intake.pages(a.pageCount)}
                  </Button>
                  <Button size="small" onClick={() => setAttached((l) => l.filter((x) => x.sha256 !== a.sha256))}>{ui.intake.remove}</Button>
                </li>
              ))}
            </ul>
          </div>
          <div className={s.actions}>
            <Button appearance="primary" disabled={busy} onClick={() => void submit(false)}>{busy ? ui.intake.registering : ui.intake.register}</Button>
            {duplicates.length > 0 && <Button onClick={() => void submit(true)}>{ui.intake.registerAnyway}</Button>}
            <Button onClick={next}>{ui.intake.clear}</Button>
            <Text className={s.muted}>{ui.intake.keyboardHint}</Text>
          </div>
        </form>

        <aside className={s.column} aria-labelledby="preview-title">
          <Title3 block as="h2" id="preview-title">{ui.intake.previewTitle}</Title3>
          <ScanPreview load={preview?.load ?? null} title={preview?.title ?? ''} />
        </aside>
      </div>
      <AttachToLetterDialog
        fileName={attachFile}
        onClose={() => setAttachFile(null)}
        onAttached={(d) => {
          setInfo(ui.intake.attachedTo(attachFile ?? '', d.label));
          setAttachFile(null);
          refreshInbox();
        }}
      />
      <PartyDialog
        open={partyOpen}
        initialName=""
        onClose={() => setPartyOpen(false)}
        onCreated={(p) => {
          set('sender', p);
          setPartyOpen(false);
        }}
      />
    </section>
  );
}
