import { useState } from 'react';
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Title3, tokens } from '@fluentui/react-components';
import { ApiCallError, call } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBlock: tokens.spacingVerticalM },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(90px, 1fr) minmax(220px, 4fr) repeat(2, minmax(140px, 1.5fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    // An input is as wide as its default size unless told otherwise: it overflowed its column.
    '& .fui-Input': { minWidth: 0 },
    '& input': { minWidth: 0, width: '100%' },
  },
  remarks: { gridColumn: '1 / -1' },
});

export type JrwaDraft = { symbol: string; name: string; categoryOwner: string; categoryOther: string; remarks: string };
const EMPTY_JRWA: JrwaDraft = { symbol: '', name: '', categoryOwner: '', categoryOther: '', remarks: '' };

/**
 * A class of the wykaz akt added or corrected by hand: a new symbol under a class already in the
 * list, or a class picked from the list below ("Zmień") to correct its name or categories
 * (`picked`; the parent gives each pick its own key, so a pick starts the form afresh).
 */
export function JrwaClassForm({ picked }: { picked: JrwaDraft | null }) {
  const s = useStyles();
  const [draft, setDraft] = useState<JrwaDraft>(picked ?? EMPTY_JRWA);
  const [editing, setEditing] = useState(picked !== null);
  const clear = () => {
    setDraft(EMPTY_JRWA);
    setEditing(false);
  };
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const fp = (k: string) => ({ validationMessage: fields[k], validationState: fields[k] ? ('error' as const) : ('none' as const) });
  const save = async () => {
    setFields({});
    setMessage(null);
    try {
      await call('admin.jrwaSave', { symbol: draft.symbol, name: draft.name, categoryOwner: draft.categoryOwner || null, categoryOther: draft.categoryOther || null, remarks: draft.remarks || null });
      setMessage({ intent: 'success', text: ui.admin.jrwaSaved(draft.symbol.trim()) });
      clear();
    } catch (e) {
      setFields(e instanceof ApiCallError ? e.fields : {});
      setMessage({ intent: 'error', text: messageOf(e) });
    }
  };
  return (
    <form
      className={s.form}
      aria-labelledby="jrwa-edit-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Title3 block as="h3" id="jrwa-edit-title">{editing ? ui.admin.jrwaEditTitle(draft.symbol) : ui.admin.jrwaAddTitle}</Title3>
      {message && <MessageBar intent={message.intent} layout="multiline" role={message.intent === 'error' ? 'alert' : 'status'}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      <div className={s.fields}>
        <Field label={ui.admin.jrwaSymbol} hint={editing ? undefined : ui.admin.jrwaSymbolHint} {...fp('symbol')}>
          <Input value={draft.symbol} readOnly={editing} onChange={(_, v) => setDraft({ ...draft, symbol: v.value })} />
        </Field>
        <Field label={ui.admin.jrwaName} {...fp('name')}>
          <Input value={draft.name} onChange={(_, v) => setDraft({ ...draft, name: v.value })} />
        </Field>
        <Field label={ui.admin.jrwaCategoryOwnerField} hint={ui.admin.jrwaCategoryHint} {...fp('categoryOwner')}>
          <Input value={draft.categoryOwner} onChange={(_, v) => setDraft({ ...draft, categoryOwner: v.value })} />
        </Field>
        <Field label={ui.admin.jrwaCategoryOtherField} {...fp('categoryOther')}>
          <Input value={draft.categoryOther} onChange={(_, v) => setDraft({ ...draft, categoryOther: v.value })} />
        </Field>
        <Field label={ui.admin.jrwaRemarks} className={s.remarks} {...fp('remarks')}>
          <Input value={draft.remarks} onChange={(_, v) => setDraft({ ...draft, remarks: v.value })} />
        </Field>
      </div>
      <div>
        <Button type="submit" appearance="primary">{ui.admin.jrwaSave}</Button> {editing && <Button onClick={clear}>{ui.common.cancel}</Button>}
      </div>
    </form>
  );
}
