import { useEffect, useRef, useState } from 'react';
import { Combobox, Option, type ComboboxProps } from '@fluentui/react-components';
import type { Party } from '#core/contract';
import { call } from '../api/client';
import { ui } from '../i18n';

function describe(p: Party): string {
  const id = p.pesel ? `PESEL ${p.pesel}` : p.nip ? `NIP ${p.nip}` : p.regon ? `REGON ${p.regon}` : '';
  const place = [p.street, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [p.name, place, id].filter(Boolean).join(' — ');
}

/** Sender type-ahead: searches parties as the clerk types; Enter or a click picks one. */
export function PartyPicker(props: { id: string; value: Party | null; onChange: (p: Party | null) => void; invalid?: boolean }) {
  const [query, setQuery] = useState(props.value ? props.value.name : '');
  const [options, setOptions] = useState<Party[]>([]);
  // Controlled, so that picking a sender closes the list even when focus then moves on by Enter.
  const [open, setOpen] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    setQuery(props.value ? props.value.name : '');
  }, [props.value]);
  useEffect(() => {
    const mine = ++seq.current;
    const t = setTimeout(() => {
      call('parties.search', { q: query, limit: 10 }).then(
        (r) => mine === seq.current && setOptions(r),
        () => undefined,
      );
    }, 120);
    return () => clearTimeout(t);
  }, [query]);
  const onSelect: ComboboxProps['onOptionSelect'] = (_e, data) => {
    const p = options.find((o) => o.id === data.optionValue) ?? null;
    props.onChange(p);
    if (p) setQuery(p.name);
    setOpen(false);
  };
  return (
    <Combobox
      id={props.id}
      data-field
      freeform
      style={{ width: '100%' }}
      input={{ style: { width: '100%' } }}
      aria-invalid={props.invalid}
      placeholder={ui.intake.senderPlaceholder}
      value={query}
      open={open}
      onOpenChange={(_, d) => setOpen(d.open)}
      onBlur={() => setOpen(false)}
      selectedOptions={props.value ? [props.value.id] : []}
      onChange={(e) => {
        setQuery(e.target.value);
        setOpen(true);
        if (props.value) props.onChange(null);
      }}
      onOptionSelect={onSelect}
    >
      {options.length === 0 ? (
        <Option disabled value="" text="">{ui.intake.senderNone}</Option>
      ) : (
        options.map((p) => (
          <Option key={p.id} value={p.id} text={p.name}>
            {describe(p)}
          </Option>
        ))
      )}
    </Combobox>
  );
}
