import { useEffect, useState } from 'react';
import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { FormDialog } from './FormDialog';
import type { DeliveryRecordInput, OutgoingRow } from '#core/contract';
import { call, ApiCallError } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { officeToday } from '../format';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  wide: { gridColumn: '1 / 3' },
});

type Kind = DeliveryRecordInput['kind'];
type Recipient = Extract<DeliveryRecordInput, { kind: 'delivered' }>['to'];

/** Records what came back of one letter sent: the return receipt, an awizo, a refusal, a return, an electronic proof. */
export function DeliveryDialog({ row, onClose, onSaved }: { row: OutgoingRow | null; onClose: () => void; onSaved: (row: OutgoingRow) => void }) {
  const s = useStyles();
  const electronic = row?.channel === 'epuap' || row?.channel === 'edoreczenia';
  const [kind, setKind] = useState<Kind>('delivered');
  const [on, setOn] = useState(officeToday());
  const [to, setTo] = useState<Recipient>('addressee');
  const [second, setSecond] = useState('');
  const [collected, setCollected] = useState('');
  const [reason, setReason] = useState('');
  const [received, setReceived] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  useEffect(() => {
    setKind(electronic ? 'electronic' : 'delivered');
    setOn(row !== null && electronic ? row.dispatchedOn : officeToday());
    setTo('addressee');
    setSecond('');
    setCollected('');
    setReason('');
    setReceived('');
    setError(null);
    setFields({});
  }, [row, electronic]);
  const record = (): DeliveryRecordInput => {
    switch (kind) {
      case 'delivered':
        return { kind, on, to };
      case 'refused':
        return { kind, on };
      case 'awizo':
        return { kind, firstNoticeOn: on, secondNoticeOn: second || null, collectedOn: collected || null };
      case 'returned':
        return { kind, on, reason };
      case 'electronic':
        return { kind, sentOn: on, receivedOn: received || null };
    }
  };
  const save = async () => {
    if (!row) return;
    setFields({});
    try {
      onSaved(await call('outgoing.recordDelivery', { id: row.id, record: record() }));
    } catch (e) {
      if (e instanceof ApiCallError) setFields(e.fields);
      setError(messageOf(e));
    }
  };
  const kinds = (Object.keys(ui.dispatch.deliveryKinds) as Kind[]).filter((k) => (k === 'electronic') === electronic);
  const dateLabel = { delivered: ui.dispatch.deliveredDate, refused: ui.dispatch.refusedDate, awizo: ui.dispatch.firstNotice, returned: ui.dispatch.returnedDate, electronic: ui.dispatch.sentOn }[kind];
  const fp = (k: string) => ({ validationMessage: fields[k], validationState: fields[k] ? ('error' as const) : ('none' as const) });
  return (
    <FormDialog open={row !== null} title={row ? ui.dispatch.deliveryTitle(row.label, row.addresseeName) : ''} error={error} submitLabel={ui.dispatch.saveDelivery} onSubmit={() => void save()} onClose={onClose}>
      <div className={s.grid}>
        <Field label={ui.dispatch.deliveryKind} className={s.wide}>
          <Select value={kind} onChange={(_, d) => setKind(d.value as Kind)}>
            {kinds.map((k) => <option key={k} value={k}>{ui.dispatch.deliveryKinds[k]}</option>)}
          </Select>
        </Field>
        <Field label={dateLabel} required {...fp('record.on')}>
          <Input type="date" value={on} onChange={(_, d) => setOn(d.value)} />
        </Field>
        {kind === 'delivered' && (
          <Field label={ui.dispatch.recipient}>
            <Select value={to} onChange={(_, d) => setTo(d.value as Recipient)}>
              {(Object.keys(ui.dispatch.recipients) as Recipient[]).map((r) => <option key={r} value={r}>{ui.dispatch.recipients[r]}</option>)}
            </Select>
          </Field>
        )}
        {kind === 'awizo' && (
          <Field label={ui.dispatch.secondNotice}>
            <Input type="date" value={second} onChange={(_, d) => setSecond(d.value)} />
          </Field>
        )}
        {kind === 'awizo' && (
          <Field label={ui.dispatch.collected}>
            <Input type="date" value={collected} onChange={(_, d) => setCollected(d.value)} />
          </Field>
        )}
        {kind === 'returned' && (
          <Field label={ui.dispatch.returnedReason} required {...fp('record.reason')}>
            <Input value={reason} onChange={(_, d) => setReason(d.value)} placeholder="adresat nieznany" />
          </Field>
        )}
        {kind === 'electronic' && (
          <Field label={ui.dispatch.receivedOn}>
            <Input type="date" value={received} onChange={(_, d) => setReceived(d.value)} />
          </Field>
        )}
      </div>
    </FormDialog>
  );
}
