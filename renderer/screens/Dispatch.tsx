import { useRef, useState } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, Title2, Title3, tokens } from '@fluentui/react-components';
import type { DispatchItem, OutgoingChannel, OutgoingRow, Party } from '#core/contract';
import { call, openDocument, saveFile, uploadFile, ApiCallError } from '../api/client';
import { ui, outgoingChannelLabels } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { PartyPicker } from '../components/PartyPicker';
import { SendDispatchDialog } from '../components/SendDispatchDialog';
import { DeliveryDialog } from '../components/DeliveryDialog';
import { ChannelField } from '../components/ChannelField';
import { plDate, plDateTime, plDayOf, officeToday, groszeOf, wholeOf } from '../format';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1200px' },
  // Fields keep their height when a neighbour shows a message under itself.
  form: { display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', alignItems: 'start', gap: tokens.spacingHorizontalM, padding: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  wide: { gridColumn: 'span 2' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'start' },
  table: { borderCollapse: 'collapse', width: '100%', backgroundColor: tokens.colorNeutralBackground1, '& th, & td': { textAlign: 'left', padding: '6px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
});

/** What came back of a letter, in a few words for the register's column. */
function deliveryText(r: OutgoingRow): string {
  if (r.delivered) return r.delivered.deemed ? ui.dispatch.deemedOn(plDate(r.delivered.on), r.delivered.basis) : ui.dispatch.deliveredOn(plDate(r.delivered.on));
  const d = r.delivery;
  if (d === null) return ui.dispatch.deliveryNone;
  if (d.kind === 'awizo') return ui.dispatch.awizoWaiting(plDate(d.firstNoticeOn));
  if (d.kind === 'returned') return ui.dispatch.returnedShort(d.reason);
  if (d.kind === 'electronic') return ui.dispatch.electronicWaiting(plDate(d.sentOn));
  return ui.dispatch.deliveryNone;
}

/** The registry's outgoing mail: register each letter sent, then print the day's dispatch book. */
export function Dispatch() {
  const s = useStyles();
  const [date, setDate] = useState(officeToday());
  const list = useApi('outgoing.list', { from: date, to: date });
  const awaiting = useApi('dispatch.awaiting', {});
  const [sending, setSending] = useState<DispatchItem | null>(null);
  const [recording, setRecording] = useState<OutgoingRow | null>(null);
  const [scanned, setScanned] = useState('');
  const evidenceInput = useRef<HTMLInputElement>(null);
  const electronic = (list.data ?? []).filter((r) => r.channel === 'epuap' || r.channel === 'edoreczenia');
  const [addressee, setAddressee] = useState<Party | null>(null);
  const [subject, setSubject] = useState('');
  const [caseSign, setCaseSign] = useState('');
  const [channel, setChannel] = useState<OutgoingChannel>('registered');
  const [zpo, setZpo] = useState(false);
  const registered = channel === 'registered' || channel === 'registered_priority';
  const [tracking, setTracking] = useState('');
  const [mass, setMass] = useState('');
  const [postage, setPostage] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const register = async () => {
    setFields({});
    try {
      let caseId: string | null = null;
      if (caseSign.trim()) {
        const found = (await call('search.all', { q: caseSign.trim(), limit: 5 })).cases.find((c) => c.label === caseSign.trim());
        if (!found) throw new ApiCallError({ code: 'CASE_NOT_FOUND', message: ui.dispatch.caseNotFound(caseSign.trim()) });
        caseId = found.id;
      }
      const postageGrosze = groszeOf(postage);
      const massGrams = wholeOf(mass);
      if (postageGrosze === undefined || massGrams === undefined) {
        const wrong = { ...(postageGrosze === undefined ? { postageGrosze: ui.dispatch.postageInvalid } : {}), ...(massGrams === undefined ? { massGrams: ui.dispatch.massInvalid } : {}) };
        setFields(wrong);
        setMsg({ intent: 'error', text: Object.values(wrong).join(' ') });
        return;
      }
      const row = await call('outgoing.register', {
        caseId,
        addresseeId: addressee?.id ?? '',
        subject,
        channel,
        trackingNumber: tracking.trim() || null,
        massGrams,
        postageGrosze,
        dispatchedOn: date,
        returnReceipt: registered && zpo,
      });
      setMsg({ intent: 'success', text: ui.dispatch.registered(row.label) });
      setSubject('');
      setTracking('');
    } catch (e) {
      if (e instanceof ApiCallError) setFields(e.fields);
      setMsg({ intent: 'error', text: messageOf(e) });
    }
  };
  const fp = (k: string) => ({ validationMessage: fields[k], validationState: fields[k] ? ('error' as const) : ('none' as const) });
  // The provider's sealed evidence (e-Doręczenia dowód, ePUAP UPD) finds its letter itself.
  const importEvidence = async (file: File) => {
    try {
      const r = await uploadFile(file, 'outgoing.importEvidence');
      setMsg({ intent: 'success', text: r.already ? ui.dispatch.evidenceAlready(r.evidence.title, r.letter.label) : ui.dispatch.evidenceSaved(r.evidence.title, r.evidence.at ? plDateTime(r.evidence.at) : '—', r.letter.label, r.letter.addresseeName, r.evidence.verdict) });
    } catch (e) {
      setMsg({ intent: 'error', text: messageOf(e) });
    }
  };
  // A barcode reader types the returned card's number and Enter: the letter it names opens at once.
  const find = async () => {
    try {
      const [found] = await call('outgoing.byTracking', { trackingNumber: scanned });
      if (found) {
        setMsg(null);
        setRecording(found);
      } else setMsg({ intent: 'error', text: ui.dispatch.foundNone(scanned.trim()) });
    } catch (e) {
      setMsg({ intent: 'error', text: messageOf(e) });
    }
  };

  return (
    <section className={s.wrap} aria-labelledby="dispatch-title">
      <Title2 as="h1" id="dispatch-title">{ui.dispatch.title}</Title2>
      {msg && <MessageBar intent={msg.intent} layout="multiline"><MessageBarBody>{msg.text}</MessageBarBody></MessageBar>}
      <Title3 as="h2" block>{ui.dispatch.awaitingTitle(awaiting.data?.length ?? 0)}</Title3>
      <table className={s.table} aria-label={ui.dispatch.awaitingTitle(awaiting.data?.length ?? 0)}>
        <thead>
          <tr>
            {Object.values(ui.dispatch.awaitingColumns).map((c) => <th key={c}>{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {awaiting.data?.length === 0 && <tr><td colSpan={6}>{ui.dispatch.awaitingNone}</td></tr>}
          {awaiting.data?.map((x) => (
            <tr key={x.id}>
              <td>{x.subject}</td>
              <td>{x.addresseeName}</td>
              <td>{[x.addresseeAddress, x.electronicAddress].filter(Boolean).join(' · ')}</td>
              <td>{x.caseSign}</td>
              <td>{plDayOf(x.createdAt)}</td>
              <td>
                <Button size="small" aria-label={ui.dispatch.sendLabel(x.addresseeName)} onClick={() => setSending(x)}>{ui.dispatch.sendOne}</Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SendDispatchDialog
        item={sending}
        date={date}
        onClose={() => setSending(null)}
        onSent={(row) => {
          setSending(null);
          setMsg({ intent: 'success', text: ui.dispatch.sent(row.label, outgoingChannelLabels[row.channel]) });
        }}
      />
      <Title3 as="h2" block>{ui.dispatch.registerTitle}</Title3>
      <div className={s.form}>
        <Field label={ui.dispatch.addressee} required className={s.wide} {...fp('addresseeId')}>
          <PartyPicker id="addressee" value={addressee} onChange={setAddressee} invalid={Boolean(fields.addresseeId)} />
        </Field>
        <Field label={ui.dispatch.date} required>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label={ui.dispatch.subject} required className={s.wide} {...fp('subject')}>
          <Input value={subject} onChange={(_, d) => setSubject(d.value)} />
        </Field>
        <Field label={ui.dispatch.caseSign}>
          <Input value={caseSign} onChange={(_, d) => setCaseSign(d.value)} placeholder="GK.6730.1.2026" />
        </Field>
        <ChannelField value={channel} onChange={setChannel} />
        <Field label={ui.dispatch.tracking} {...fp('trackingNumber')}>
          <Input value={tracking} onChange={(_, d) => setTracking(d.value)} />
        </Field>
        {registered && <Checkbox checked={zpo} onChange={(_, d) => setZpo(d.checked === true)} label={ui.dispatch.returnReceipt} />}
        <div className={s.actions}>
          <Field label={ui.dispatch.mass} {...fp('massGrams')}>
            <Input inputMode="numeric" value={mass} onChange={(_, d) => setMass(d.value)} style={{ width: 90 }} />
          </Field>
          <Field label={ui.dispatch.postage} {...fp('postageGrosze')}>
            <Input inputMode="decimal" value={postage} onChange={(_, d) => setPostage(d.value)} style={{ width: 90 }} />
          </Field>
        </div>
      </div>
      <div className={s.actions}>
        <Button appearance="primary" onClick={() => void register()}>{ui.dispatch.register}</Button>
        <Button onClick={() => void openDocument('outgoing.dispatchBook', { date }).catch((e: unknown) => setMsg({ intent: 'error', text: messageOf(e) }))}>{ui.dispatch.book}</Button>
        <Button
          disabled={electronic.length === 0}
          title={electronic.length === 0 ? ui.dispatch.packageNone : undefined}
          onClick={() => void saveFile('dispatch.package', { outgoingIds: electronic.map((r) => r.id) }).catch((e: unknown) => setMsg({ intent: 'error', text: messageOf(e) }))}
        >
          {ui.dispatch.package}
        </Button>
      </div>
      <Title3 as="h2" block>{ui.dispatch.findTitle}</Title3>
      <form
        className={s.actions}
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <Field label={ui.dispatch.findByTracking}>
          <Input value={scanned} onChange={(_, d) => setScanned(d.value)} style={{ width: 280 }} />
        </Field>
        <Button type="submit" style={{ marginTop: 26 }}>{ui.dispatch.find}</Button>
      </form>
      <Title3 as="h2" block>{ui.dispatch.evidenceTitle}</Title3>
      <Text block>{ui.dispatch.evidenceHint}</Text>
      <div className={s.actions}>
        <input
          ref={evidenceInput}
          type="file"
          accept=".xml,application/xml,text/xml"
          hidden
          aria-label={ui.dispatch.evidencePick}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importEvidence(file);
          }}
        />
        <Button onClick={() => evidenceInput.current?.click()}>{ui.dispatch.evidencePick}</Button>
      </div>
      <DeliveryDialog
        row={recording}
        onClose={() => setRecording(null)}
        onSaved={(row) => {
          setRecording(null);
          setScanned('');
          setMsg({ intent: 'success', text: ui.dispatch.deliverySaved(row.label) });
        }}
      />
      <Title3 as="h2" block>{ui.dispatch.listTitle(plDate(date))}</Title3>
      <table className={s.table} aria-label={ui.dispatch.listTitle(plDate(date))}>
        <thead>
          <tr>
            {Object.values(ui.dispatch.columns).map((c) => <th key={c}>{c}</th>)}
            <th>{ui.dispatch.columnsDelivery}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.length === 0 && <tr><td colSpan={9}>{ui.dispatch.none}</td></tr>}
          {list.data?.map((r) => (
            <tr key={r.id}>
              <td>{r.label}</td>
              <td>{r.addresseeName}</td>
              <td>{r.caseSign ?? '—'}</td>
              <td>{r.subject}</td>
              <td>{outgoingChannelLabels[r.channel]}</td>
              <td>{r.trackingNumber ?? ''}</td>
              <td>{r.postageGrosze === null ? '' : (r.postageGrosze / 100).toFixed(2).replace('.', ',')}</td>
              <td>{r.channel === 'in_person' ? '' : deliveryText(r)}</td>
              <td>
                {r.channel !== 'in_person' && r.status === 'registered' && (
                  <Button size="small" aria-label={ui.dispatch.recordLabel(r.label)} onClick={() => setRecording(r)}>{ui.dispatch.record}</Button>
                )}{' '}
                {r.delivery?.kind === 'electronic' && r.delivery.evidence.length > 0 && (
                  <Button size="small" aria-label={ui.dispatch.evidenceOpenLabel(r.label)} onClick={() => void openDocument('scans.blob', { sha256: r.delivery?.kind === 'electronic' ? (r.delivery.evidence.at(-1)?.sha256 ?? '') : '' }).catch((e: unknown) => setMsg({ intent: 'error', text: messageOf(e) }))}>{ui.dispatch.evidenceOpen}</Button>
                )}{' '}
                {r.returnReceipt && (
                  <Button size="small" aria-label={ui.dispatch.zpoLabel(r.label)} onClick={() => void openDocument('outgoing.returnReceiptPdf', { id: r.id }).catch((e: unknown) => setMsg({ intent: 'error', text: messageOf(e) }))}>{ui.dispatch.zpo}</Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
