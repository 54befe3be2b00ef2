import { useEffect, useState } from 'react';
import { Checkbox, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { FormDialog } from './FormDialog';
import type { DispatchItem, OutgoingChannel, OutgoingRow, Party } from '#core/contract';
import { call, ApiCallError } from '../api/client';
import { ui } from '../i18n';
import { ChannelField } from './ChannelField';
import { messageOf } from '../useAsync';
import { PartyPicker } from './PartyPicker';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  wide: { gridColumn: '1 / 3' },
});

const ELECTRONIC: readonly OutgoingChannel[] = ['epuap', 'edoreczenia'];

/** Sends one signed letter: the channel and what it needs (tracking number, e-address, who collected). */
export function SendDispatchDialog({ item, date, onClose, onSent }: { item: DispatchItem | null; date: string; onClose: () => void; onSent: (row: OutgoingRow) => void }) {
  const s = useStyles();
  const [channel, setChannel] = useState<OutgoingChannel>('registered');
  const [tracking, setTracking] = useState('');
  const [mass, setMass] = useState('');
  const [postage, setPostage] = useState('');
  const [collectedBy, setCollectedBy] = useState('');
  // A decision goes by registered post with a return receipt: its delivery date starts the appeal period.
  const [zpo, setZpo] = useState(true);
  const [addressee, setAddressee] = useState<Party | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // An addressee with an electronic address is sent to electronically by default (KPA art. 39¹).
    setChannel(item?.electronicAddress ? (item.electronicAddress.startsWith('AE:') ? 'edoreczenia' : 'epuap') : 'registered');
    setTracking('');
    setCollectedBy('');
    setZpo(true);
    setAddressee(null);
    setFields({});
    setError(null);
  }, [item]);
  const send = async () => {
    if (!item) return;
    setFields({});
    try {
      const row = await call('dispatch.send', {
        itemId: item.id,
        channel,
        trackingNumber: tracking.trim() || null,
        massGrams: mass ? Number(mass) : null,
        postageGrosze: postage ? Math.round(Number(postage.replace(',', '.')) * 100) : null,
        dispatchedOn: date,
        collectedBy: collectedBy.trim() || null,
        addresseeId: addressee?.id ?? null,
        returnReceipt: registered && zpo,
      });
      onSent(row);
    } catch (e) {
      if (e instanceof ApiCallError) setFields(e.fields);
      setError(messageOf(e));
    }
  };
  const fp = (k: string) => ({ validationMessage: fields[k], validationState: fields[k] ? ('error' as const) : ('none' as const) });
  const post = !ELECTRONIC.includes(channel) && channel !== 'in_person';
  const registered = channel === 'registered' || channel === 'registered_priority';
  return (
    <FormDialog open={item !== null} title={item ? ui.dispatch.sendTitle(item.addresseeName) : ''} error={error} submitLabel={ui.dispatch.send} onSubmit={() => void send()} onClose={onClose}>
      {item && (
        <div className={s.grid}>
          <Text className={s.wide}>{item.subject}</Text>
          <Text className={s.wide}>{[item.addresseeAddress, item.electronicAddress].filter(Boolean).join(' · ')}</Text>
          {item.partyId === null && (
            <Field label={ui.dispatch.addressee} required className={s.wide} hint={ui.dispatch.pickAddressee}>
              <PartyPicker id="send-addressee" value={addressee} onChange={setAddressee} invalid={false} />
            </Field>
          )}
          <ChannelField value={channel} onChange={setChannel} />
          {post && (
            <Field label={ui.dispatch.tracking} {...fp('trackingNumber')}>
              <Input value={tracking} onChange={(_, d) => setTracking(d.value)} autoFocus />
            </Field>
          )}
          {registered && <Checkbox className={s.wide} checked={zpo} onChange={(_, d) => setZpo(d.checked === true)} label={ui.dispatch.returnReceipt} />}
          {post && (
            <Field label={ui.dispatch.mass}>
              <Input type="number" min={1} value={mass} onChange={(_, d) => setMass(d.value)} />
            </Field>
          )}
          {post && (
            <Field label={ui.dispatch.postage}>
              <Input value={postage} onChange={(_, d) => setPostage(d.value)} />
            </Field>
          )}
          {channel === 'in_person' && (
            <Field label={ui.dispatch.collectedBy} required className={s.wide} {...fp('collectedBy')}>
              <Input value={collectedBy} onChange={(_, d) => setCollectedBy(d.value)} autoFocus />
            </Field>
          )}
          {ELECTRONIC.includes(channel) && <Text className={s.wide}>{ui.dispatch.electronicHint}</Text>}
        </div>
      )}
    </FormDialog>
  );
}
