import { useState } from 'react';
import { Button, Field, Input, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { FormDialog } from './FormDialog';
import type { Party, PartyKind } from '#core/contract';
import { call, ApiCallError } from '../api/client';
import { ui, partyKindLabels } from '../i18n';
import { messageOf } from '../useAsync';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  wide: { gridColumn: '1 / 3' },
});

type Draft = Record<'firstName' | 'lastName' | 'name' | 'pesel' | 'nip' | 'regon' | 'street' | 'postalCode' | 'city' | 'email' | 'phone' | 'electronicAddress', string>;
const EMPTY: Draft = { firstName: '', lastName: '', name: '', pesel: '', nip: '', regon: '', street: '', postalCode: '', city: '', email: '', phone: '', electronicAddress: '' };

/** Adds a sender inline: identifiers are checked by the services, messages shown per field. */
export function PartyDialog(props: { open: boolean; initialName: string; onClose: () => void; onCreated: (p: Party) => void }) {
  const s = useStyles();
  const [kind, setKind] = useState<PartyKind>('person');
  const [d, setD] = useState<Draft>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // The sender the office already has under the identifier typed: offered instead of a second one.
  const [existing, setExisting] = useState<Party | null>(null);
  const set = (k: keyof Draft) => (_: unknown, data: { value: string }) => setD((x) => ({ ...x, [k]: data.value }));
  const nul = (v: string) => (v.trim() === '' ? null : v.trim());
  const save = async () => {
    try {
      const p = await call('parties.create', {
        kind,
        firstName: nul(d.firstName),
        lastName: nul(d.lastName),
        name: nul(d.name),
        pesel: kind === 'person' ? nul(d.pesel) : null,
        nip: nul(d.nip),
        regon: nul(d.regon),
        street: nul(d.street),
        postalCode: nul(d.postalCode),
        city: nul(d.city),
        email: nul(d.email),
        phone: nul(d.phone),
        electronicAddress: nul(d.electronicAddress),
      });
      setD(EMPTY);
      setFields({});
      setError(null);
      props.onCreated(p);
    } catch (e) {
      setFields(e instanceof ApiCallError ? e.fields : {});
      setError(messageOf(e));
      setExisting(e instanceof ApiCallError && e.code === 'PARTY_EXISTS' ? await sameIdentifier() : null);
    }
  };
  const sameIdentifier = async (): Promise<Party | null> => {
    const typed = { pesel: kind === 'person' ? nul(d.pesel) : null, nip: nul(d.nip), regon: nul(d.regon) };
    const q = typed.pesel ?? typed.nip ?? typed.regon;
    if (!q) return null;
    const hits = await call('parties.search', { q, limit: 5 }).catch(() => []);
    return hits.find((p) => (typed.pesel && p.pesel === typed.pesel) || (typed.nip && p.nip === typed.nip) || (typed.regon && p.regon === typed.regon)) ?? null;
  };
  const takeExisting = (p: Party) => {
    setD(EMPTY);
    setFields({});
    setError(null);
    setExisting(null);
    props.onCreated(p);
  };
  const field = (k: keyof Draft, label: string, extra?: { wide?: boolean; autoFocus?: boolean }) => (
    <Field label={label} className={extra?.wide ? s.wide : undefined} validationMessage={fields[k]} validationState={fields[k] ? 'error' : 'none'}>
      <Input value={d[k]} onChange={set(k)} autoFocus={extra?.autoFocus} />
    </Field>
  );
  return (
    <FormDialog open={props.open} title={ui.party.dialogTitle} error={error} submitLabel={ui.party.save} cancelLabel={ui.party.cancel} onSubmit={() => void save()} onClose={props.onClose}>
      {existing && (
        <div>
          <Button appearance="primary" onClick={() => takeExisting(existing)}>{ui.party.useExisting(existing.name)}</Button>
        </div>
      )}
      <Field label={ui.party.kind}>
        <RadioGroup layout="horizontal" value={kind} onChange={(_, data) => setKind(data.value as PartyKind)}>
          {(['person', 'company', 'institution'] as const).map((k) => <Radio key={k} value={k} label={partyKindLabels[k]} />)}
        </RadioGroup>
      </Field>
      <div className={s.grid}>
        {kind === 'person' ? (
          <>
            {field('firstName', ui.party.firstName, { autoFocus: true })}
            {field('lastName', ui.party.lastName)}
            {field('pesel', ui.party.pesel)}
            {field('nip', ui.party.nip)}
          </>
        ) : (
          <>
            {field('name', ui.party.name, { wide: true, autoFocus: true })}
            {field('nip', ui.party.nip)}
            {field('regon', ui.party.regon)}
          </>
        )}
        {field('street', ui.party.street, { wide: true })}
        {field('postalCode', ui.party.postalCode)}
        {field('city', ui.party.city)}
        {field('email', ui.party.email)}
        {field('phone', ui.party.phone)}
        {field('electronicAddress', ui.party.electronicAddress)}
      </div>
    </FormDialog>
  );
}
