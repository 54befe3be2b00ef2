import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Textarea,
  Title3,
  Badge,
} from '@fluentui/react-components';
import { Modal } from '../components/Modal';
import type { IncomingDetail, User } from '#core/contract';
import { call, fetchFile, openDocument, ApiCallError } from '../api/client';
import { ui, letterChannelLabel } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { ScanPreview } from '../components/ScanPreview';
import { ScanTexts } from '../components/ScanTexts';
import { letterStatus } from '../letterStatus';
import { AssignPanel } from '../components/AssignPanel';
import { plDate, plDateTime } from '../format';
import { EventTimeline, FieldList, useDetailStyles } from '../components/EventTimeline';
import { SignatureVerdict } from '../components/SignatureVerdict';
import { AppealPanel } from '../components/AppealPanel';

const useStyles = makeStyles({
  surface: { maxWidth: '1100px', width: '95vw' },
});

type Edit = { subject: string; senderReference: string; remarks: string; unitId: string; attachmentsCount: string; trackingNumber: string; reason: string };

/**
 * The letter's window. It stays mounted and is opened and closed through `open`, so the modal
 * restores the page behind it (aria-hidden) on every close.
 */
export function LetterDetail({ id, user, onClose }: { id: string | null; user: User; onClose: () => void }) {
  return (
    <Modal open={id !== null} onOpenChange={(_, data) => !data.open && onClose()} modalType="modal">
      <>{id && <LetterDetailBody key={id} id={id} user={user} onClose={onClose} />}</>
    </Modal>
  );
}

function LetterDetailBody({ id, user, onClose }: { id: string; user: User; onClose: () => void }) {
  const s = { ...useDetailStyles(), ...useStyles() };
  const detail = useApi('intake.get', { id });
  const units = useApi('office.units', {});
  // Electronic signatures of the letter's PDFs, checked against the office's trusted roots.
  const pdfs = (detail.data?.scans ?? []).filter((x) => x.mime === 'application/pdf');
  const verifiedQuery = useQuery({
    queryKey: ['scans.verify', pdfs.map((x) => x.sha256)],
    queryFn: async () => (await Promise.all(pdfs.map(async (x) => (await call('scans.verify', { sha256: x.sha256 })).map((sig) => ({ file: x.fileName, ...sig }))))).flat(),
    enabled: detail.data !== null,
  });
  const verified = { data: verifiedQuery.data ?? null, error: verifiedQuery.error ? messageOf(verifiedQuery.error) : null };
  const [mode, setMode] = useState<'view' | 'correct' | 'cancel' | 'forward' | 'return' | 'assign' | 'appeal'>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [scan, setScan] = useState<string | null>(null);
  const [after, setAfter] = useState<IncomingDetail | null>(null);
  const d: IncomingDetail | null = after ?? detail.data;
  const canEdit = (user.role === 'registry' || user.role === 'admin') && d?.status === 'registered';
  // A head hands a letter on to another unit, or back to the registry when it was misrouted.
  const canRoute = user.role === 'head' && d?.status === 'registered';
  // …and assigns it from here, as from the inbox: a letter not yet filed in a case.
  const canAssign = canRoute && d.direction === 'in' && d.whereabouts.caseLabel === null;
  // An appeal is named by the registry as it reads the letter, or by the case's clerk or head.
  const canMarkAppeal = d?.direction === 'in' && d.status === 'registered' && user.role !== 'admin';

  const startCorrect = (x: IncomingDetail) => {
    setEdit({ subject: x.subject, senderReference: x.senderReference ?? '', remarks: x.remarks ?? '', unitId: x.unitId, attachmentsCount: String(x.attachmentsCount), trackingNumber: x.trackingNumber ?? '', reason: '' });
    setMode('correct');
    setError(null);
  };
  const save = async () => {
    if (!d || !edit) return;
    setError(null);
    setFields({});
    try {
      // Every command answers with the letter as it now is; show that instead of reading it
      // again (after przekazanie the head may no longer be allowed to read it).
      let next: IncomingDetail;
      if (mode === 'correct') {
        next = await call('intake.correct', {
          id: d.id,
          expectedRevision: d.revision,
          reason: edit.reason,
          changes: { subject: edit.subject, senderReference: edit.senderReference, remarks: edit.remarks, unitId: edit.unitId, attachmentsCount: Number(edit.attachmentsCount), trackingNumber: edit.trackingNumber },
        });
      } else if (mode === 'forward') {
        next = await call('dekretacja.forward', { itemId: d.id, toUnitId: edit.unitId, reason: edit.reason });
      } else if (mode === 'return') {
        next = await call('dekretacja.returnToRegistry', { itemId: d.id, reason: edit.reason });
      } else {
        next = await call('intake.cancel', { id: d.id, reason: edit.reason });
      }
      setAfter(next);
      setMode('view');
    } catch (e) {
      if (e instanceof ApiCallError) setFields(e.fields);
      setError(messageOf(e));
    }
  };
  const setE = (k: keyof Edit) => (_: unknown, data: { value: string }) => setEdit((x) => (x ? { ...x, [k]: data.value } : x));
  const fp = (k: string) => ({ validationMessage: fields[k] ?? (k === 'reason' ? fields['reason'] : undefined), validationState: fields[k] ? ('error' as const) : ('none' as const) });

  return (
      <DialogSurface className={s.surface}>
        <DialogBody>
          <DialogTitle>
            {d ? ui.letter.title(d.label) : ui.app.loading}{' '}
            {d?.status === 'cancelled' && <Badge color="danger">{ui.letter.statusCancelled}</Badge>}
          </DialogTitle>
          <DialogContent className={s.scroll}>
            {detail.error && <MessageBar intent="error" layout="multiline"><MessageBarBody>{detail.error}</MessageBarBody></MessageBar>}
            {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
            {notice && (
              // Takes the focus: the button pressed is gone with the form, and a focus left on the
              // page body would not hear Escape.
              <MessageBar intent="success" layout="multiline" tabIndex={-1} ref={noticeRef}>
                <MessageBarBody>{notice}</MessageBarBody>
              </MessageBar>
            )}
            {!d && !detail.error && <Spinner />}
            {d && mode === 'assign' && (
              <>
                <Title3 block as="h2">{ui.letter.assignTitle(d.label)}</Title3>
                <AssignPanel
                  autoFocus
                  user={user}
                  items={[{ id: d.id, forUserId: null }]}
                  onAssigned={(results) => {
                    const text = results.map((r) => r.message).join(' ');
                    if (results.every((r) => r.ok)) {
                      setNotice(text);
                      setMode('view');
                    } else setError(text);
                  }}
                  onFailed={(e) => setError(messageOf(e))}
                />
              </>
            )}
            {d && mode === 'appeal' && (
              <>
                <Title3 block as="h2">{ui.appeal.title(d.label)}</Title3>
                <AppealPanel
                  letter={d}
                  onBack={() => setMode('view')}
                  onFailed={(e) => setError(messageOf(e))}
                  onDone={(text) => {
                    setAfter(null);
                    setError(null);
                    setNotice(text);
                    setMode('view');
                  }}
                />
              </>
            )}
            {d && mode === 'view' && (
              <>
                <div className={s.actions}>
                  <Button appearance="primary" onClick={() => void openDocument('documents.receipt', { id: d.id }).catch((e: unknown) => setError(messageOf(e)))}>{ui.intake.printReceipt}</Button>
                  <Button onClick={() => void openDocument('documents.label', { id: d.id }).catch((e: unknown) => setError(messageOf(e)))}>{ui.intake.printLabel}</Button>
                  {canEdit && <Button onClick={() => startCorrect(d)}>{ui.letter.correct}</Button>}
                  {canEdit && (
                    <Button
                      onClick={() => {
                        startCorrect(d);
                        setMode('cancel');
                      }}
                    >
                      {ui.letter.cancel}
                    </Button>
                  )}
                  {canMarkAppeal && (
                    <Button onClick={() => { setMode('appeal'); setError(null); setNotice(null); }}>
                      {ui.appeal.mark}
                    </Button>
                  )}
                  {canAssign && (
                    <Button appearance="primary" onClick={() => { setMode('assign'); setError(null); setNotice(null); }}>
                      {ui.inbox.assign}
                    </Button>
                  )}
                  {canRoute &&
                    (['forward', 'return'] as const).map((m) => (
                      <Button
                        key={m}
                        onClick={() => {
                          startCorrect(d);
                          setMode(m);
                        }}
                      >
                        {m === 'forward' ? ui.letter.forward : ui.letter.returnToRegistry}
                      </Button>
                    ))}
                </div>
                <div className={s.cols}>
                  <section aria-labelledby="letter-data">
                    <Title3 block as="h2" id="letter-data">{ui.letter.data}</Title3>
                    <FieldList
                      fields={[
                        [ui.register.columns.number, d.label],
                        [ui.letter.status, letterStatus(d)],
                        [d.direction === 'out' ? ui.letter.registeredOut : ui.register.columns.receivedAt, plDateTime(d.receivedAt)],
                        [d.direction === 'out' ? ui.letter.channelOut : ui.intake.channel, letterChannelLabel(d.direction, d.channel)],
                        [d.direction === 'out' ? ui.letter.addressee : ui.intake.sender, `${d.senderName}${d.senderAddress ? `, ${d.senderAddress}` : ''}`],
                        [ui.intake.senderReference, d.senderReference ?? '—'],
                        [ui.intake.letterDate, plDate(d.letterDate)],
                        ...(d.postmarkedOn ? [[ui.intake.postmarkedOn, `${plDate(d.postmarkedOn)}, w ${ui.intake.postmarkOperators[d.postmarkOperator ?? 'designated']}`] as [string, string]] : []),
                        ...(d.appeal ? [[ui.appeal.field, ui.appeal.fieldValue(d.appeal.kind, d.appeal.decisionNumber, d.appeal.partyName)] as [string, string]] : []),
                        [ui.intake.subject, d.subject],
                        [ui.intake.attachmentsCount, String(d.attachmentsCount)],
                        [ui.intake.trackingNumber, d.trackingNumber ?? '—'],
                        [ui.intake.unit, d.unitSymbol],
                        [ui.intake.remarks, d.remarks ?? '—'],
                        [ui.letter.registeredBy, `${d.registeredByName}, ${plDateTime(d.registeredAt)}`],
                        [ui.letter.statusCode, `${d.statusCode.slice(0, 4)}-${d.statusCode.slice(4)}`],
                      ]}
                    />
                    <Title3 block as="h2">{ui.letter.history}</Title3>
                    <EventTimeline events={d.events} />
                  </section>
                  <section aria-labelledby="letter-scans">
                    <Title3 block as="h2" id="letter-scans">{ui.letter.scans}</Title3>
                    {d.scans.length === 0 && <Text className={s.muted}>{ui.letter.noScans}</Text>}
                    {(verified.data ?? []).map((sig) => (
                      <SignatureVerdict key={`${sig.file}-${sig.signer}-${sig.signingTime ?? ''}`} file={sig.file} signature={sig} />
                    ))}
                    <div className={s.actions}>
                      {d.scans.map((x) => (
                        <Button key={x.sha256} appearance={scan === x.sha256 ? 'primary' : 'secondary'} onClick={() => setScan(x.sha256)}>
                          {x.fileName} · {ui.intake.pages(x.pageCount)}
                        </Button>
                      ))}
                    </div>
                    <ScanTexts scans={d.scans} />
                    <ScanPreview
                      title={d.scans.find((x) => x.sha256 === (scan ?? d.scans[0]?.sha256))?.fileName ?? ''}
                      load={d.scans.length ? () => fetchFile('scans.blob', { sha256: scan ?? d.scans[0]?.sha256 ?? '' }).then((f) => f.blob) : null}
                    />
                  </section>
                </div>
              </>
            )}
            {d && edit && mode !== 'view' && mode !== 'assign' && mode !== 'appeal' && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void save();
                }}
                id="edit-form"
              >
                <Title3 block as="h2">{{ correct: ui.letter.correctTitle, cancel: ui.letter.cancelTitle, forward: ui.letter.forwardTitle, return: ui.letter.returnTitle }[mode]}</Title3>
                {mode === 'forward' && (
                  <Field label={ui.letter.forwardTo} required>
                    <Select value={edit.unitId} onChange={setE('unitId')}>
                      {(units.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.symbol} — {u.name}</option>)}
                    </Select>
                  </Field>
                )}
                {mode === 'cancel' && <Text block>{ui.letter.cancelLead}</Text>}
                {mode === 'correct' && (
                  <>
                    <Field label={ui.intake.subject} {...fp('changes')}>
                      <Textarea value={edit.subject} onChange={setE('subject')} />
                    </Field>
                    <Field label={ui.intake.senderReference}>
                      <Input value={edit.senderReference} onChange={setE('senderReference')} />
                    </Field>
                    <Field label={ui.intake.attachmentsCount}>
                      <Input type="number" min={0} value={edit.attachmentsCount} onChange={setE('attachmentsCount')} />
                    </Field>
                    <Field label={ui.intake.trackingNumber}>
                      <Input value={edit.trackingNumber} onChange={setE('trackingNumber')} />
                    </Field>
                    <Field label={ui.intake.unit}>
                      <Select value={edit.unitId} onChange={setE('unitId')}>
                        {(units.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.symbol} — {u.name}</option>)}
                      </Select>
                    </Field>
                    <Field label={ui.intake.remarks}>
                      <Textarea value={edit.remarks} onChange={setE('remarks')} />
                    </Field>
                  </>
                )}
                <Field label={ui.letter.reason} required {...fp('reason')}>
                  <Input value={edit.reason} onChange={setE('reason')} autoFocus />
                </Field>
              </form>
            )}
          </DialogContent>
          <DialogActions>
            {mode === 'assign' && <Button onClick={() => setMode('view')}>{ui.letter.back}</Button>}
            {mode !== 'view' && mode !== 'assign' && mode !== 'appeal' && (
              <>
                <Button appearance="primary" type="submit" form="edit-form">
                  {{ correct: ui.letter.confirmCorrect, cancel: ui.letter.confirmCancel, forward: ui.letter.confirmForward, return: ui.letter.confirmReturn }[mode]}
                </Button>
                <Button onClick={() => setMode('view')}>{ui.letter.back}</Button>
              </>
            )}
            <Button onClick={onClose}>{ui.letter.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
  );
}
