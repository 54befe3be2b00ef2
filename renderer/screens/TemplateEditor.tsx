import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  Badge,
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { Modal } from '../components/Modal';
import type { TemplateDetail, TemplateFieldsInput } from '#core/contract';
import { call, openDocument } from '../api/client';
import { ui } from '../i18n';
import { plDateTime } from '../format';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';

// Szablony pism (Administracja): the administrator edits the wording of a template, inserts
// placeholders from the list at the cursor, previews the page with sample values and saves a
// new version. The services check the text (core/decisions/templateHandlers.ts); this screen
// shows their Polish refusal next to the form.

type FieldName = keyof TemplateFieldsInput;
const FIELD_ORDER: readonly { name: FieldName; rows: number }[] = [
  { name: 'reference', rows: 1 },
  { name: 'placeDate', rows: 1 },
  { name: 'title', rows: 2 },
  { name: 'body', rows: 18 },
  { name: 'signature', rows: 2 },
];

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '230px minmax(0, 1fr) 290px', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  listButton: { justifyContent: 'flex-start', textAlign: 'left', width: '100%', height: 'auto', paddingBlock: tokens.spacingVerticalS, display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  listMeta: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular },
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  meta: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  // Kept in view while the long body is scrolled: the buttons, and what the services answered.
  toolbar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  side: { position: 'sticky', top: 0, maxHeight: 'calc(100vh - 120px)', overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingRight: tokens.spacingHorizontalXS },
  placeholder: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  placeholderRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  token: { fontFamily: tokens.fontFamilyMonospace, minWidth: 0 },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  dirty: { color: tokens.colorPaletteDarkOrangeForeground2 },
});

/** When, as the office reads it: `14.04.2026, 10:00`. */
function when(iso: string | null): string {
  return iso ? plDateTime(iso) : '—';
}

export function TemplateEditor() {
  const s = useStyles();
  const list = useApi('templates.list', {});
  const [code, setCode] = useState<string | null>(null);
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [fields, setFields] = useState<TemplateFieldsInput | null>(null);
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ title: string; text: string; action: string; run: () => void } | null>(null);
  const history = useApi('templates.history', { code: code ?? '' }, { enabled: code !== null });
  const areas = useRef<Partial<Record<FieldName, HTMLTextAreaElement | null>>>({});
  const lastField = useRef<FieldName>('body');
  // Where to put the caret once an inserted placeholder has been rendered into the field.
  const caret = useRef<{ field: FieldName; at: number } | null>(null);

  const selected = code ?? list.data?.[0]?.code ?? null;
  const dirty = detail !== null && fields !== null && FIELD_ORDER.some((f) => fields[f.name] !== detail.fields[f.name]);

  useEffect(() => {
    if (selected === null) return;
    let live = true;
    call('templates.get', { code: selected }).then(
      (d) => {
        if (!live) return;
        setCode(d.code);
        setDetail(d);
        setFields(d.fields);
      },
      (e: unknown) => live && setMsg({ intent: 'error', text: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [selected]);

  useLayoutEffect(() => {
    const pending = caret.current;
    if (!pending) return;
    caret.current = null;
    const el = areas.current[pending.field];
    if (el) {
      el.focus();
      el.setSelectionRange(pending.at, pending.at);
    }
  }, [fields]);

  const open = (next: string) => {
    if (next === code) return;
    const go = () => {
      setMsg(null);
      setDetail(null);
      setFields(null);
      setCode(next);
    };
    if (dirty) setConfirm({ title: ui.templates.discardTitle, text: ui.templates.discardText, action: ui.templates.discard, run: go });
    else go();
  };

  const insert = (name: string) => {
    if (!fields) return;
    const field = lastField.current;
    const el = areas.current[field];
    const value = fields[field];
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const token = `{{${name}}}`;
    caret.current = { field, at: start + token.length };
    setFields({ ...fields, [field]: value.slice(0, start) + token + value.slice(end) });
  };

  const applied = (d: TemplateDetail, text: string) => {
    setDetail(d);
    setFields(d.fields);
    setMsg({ intent: 'success', text });
  };

  const save = async () => {
    if (!detail || !fields || busy) return;
    setBusy(true);
    try {
      const d = await call('templates.save', { code: detail.code, expectedVersion: detail.version, fields });
      applied(d, ui.templates.saved(d.version));
    } catch (e) {
      setMsg({ intent: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    if (!detail) return;
    setBusy(true);
    try {
      const d = await call('templates.restoreDefault', { code: detail.code, expectedVersion: detail.version });
      applied(d, ui.templates.restored(d.version));
    } catch (e) {
      setMsg({ intent: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const preview = () => {
    if (!detail || !fields) return;
    setMsg(null);
    openDocument('templates.preview', { code: detail.code, fields }).catch((e: unknown) => setMsg({ intent: 'error', text: messageOf(e) }));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  };

  return (
    <section aria-labelledby="templates-title">
      <Title3 block as="h2" id="templates-title">{ui.templates.title}</Title3>
      <Text block>{ui.templates.lead}</Text>
      {list.error && <MessageBar intent="error" layout="multiline"><MessageBarBody>{list.error}</MessageBarBody></MessageBar>}
      <div className={s.layout} style={{ marginTop: tokens.spacingVerticalL }}>
        <nav aria-label={ui.templates.listLabel}>
          <ul className={s.list}>
            {(list.data ?? []).map((t) => (
              <li key={t.code}>
                <Button
                  className={s.listButton}
                  appearance={t.code === selected ? 'primary' : 'subtle'}
                  aria-current={t.code === selected ? 'true' : undefined}
                  onClick={() => open(t.code)}
                >
                  <span>{t.name}</span>
                  <span className={s.listMeta}>
                    {ui.templates.kinds[t.kind]} · {ui.templates.version(t.version)}{!t.isDefault && ` · ${ui.templates.edited}`}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        </nav>

        <div className={s.editor} onKeyDown={onKeyDown}>
          {!detail || !fields ? (
            <Spinner label={ui.app.loading} />
          ) : (
            <>
              <div className={s.head}>
                <Title3 as="h3" id="template-name">{detail.name}</Title3>
                <div className={s.meta}>
                  <Badge appearance="outline">{ui.templates.kinds[detail.kind]}</Badge>
                  {detail.isDefault && <Badge appearance="tint" color="success">{ui.templates.isDefault}</Badge>}
                  <Text>{ui.templates.current(ui.templates.version(detail.version), detail.updatedByName, detail.updatedAt ? when(detail.updatedAt) : null)}</Text>
                </div>
                {detail.requiredBasis && <Text size={200}>{ui.templates.required(detail.requiredBasis)}</Text>}
              </div>
              <form
                aria-labelledby="template-name"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save();
                }}
                className={s.editor}
              >
                <div className={s.toolbar}>
                  <div className={s.actions}>
                    <Button type="submit" appearance="primary" disabled={busy || !dirty} aria-keyshortcuts="Control+S">
                      {ui.templates.save} ({ui.templates.saveShortcut})
                    </Button>
                    <Button type="button" onClick={preview}>{ui.templates.preview}</Button>
                    <Button
                      type="button"
                      disabled={busy || detail.isDefault}
                      onClick={() => setConfirm({ title: ui.templates.restoreTitle, text: ui.templates.restoreText, action: ui.templates.restore, run: () => void restore() })}
                    >
                      {ui.templates.restore}
                    </Button>
                    <Text className={s.dirty} role="status">{dirty ? ui.templates.dirty : ''}</Text>
                  </div>
                  {msg && (
                    <MessageBar intent={msg.intent} layout="multiline">
                      <MessageBarBody>{msg.text}</MessageBarBody>
                    </MessageBar>
                  )}
                </div>
                {FIELD_ORDER.map(({ name, rows }) => (
                  <Field key={name} label={ui.templates.fields[name]} hint={name === 'body' ? ui.templates.bodyHint : undefined}>
                    <Textarea
                      ref={(el) => {
                        areas.current[name] = el;
                      }}
                      textarea={{ className: s.mono, spellCheck: false }}
                      resize="vertical"
                      rows={rows}
                      value={fields[name]}
                      onFocus={() => {
                        lastField.current = name;
                      }}
                      onChange={(_, d) => setFields({ ...fields, [name]: d.value })}
                    />
                  </Field>
                ))}
              </form>

              <Subtitle2 as="h3" id="template-history">{ui.templates.historyTitle}</Subtitle2>
              <table className={s.table} aria-labelledby="template-history">
                <thead>
                  <tr><th scope="col">{ui.templates.historyVersion}</th><th scope="col">{ui.templates.historyWhen}</th><th scope="col">{ui.templates.historyWho}</th></tr>
                </thead>
                <tbody>
                  {(history.data ?? []).map((v) => (
                    <tr key={v.version}>
                      <td>
                        {v.version}
                        {v.version === detail.version && <> · <strong>{ui.templates.historyCurrent}</strong></>}
                      </td>
                      <td>{v.createdAt ? when(v.createdAt) : ui.templates.historyBuiltIn}</td>
                      <td>{v.createdByName ?? '—'}{v.version > 0 && v.isDefault && ` (${ui.templates.historyDefault})`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>

        <aside className={s.side} aria-labelledby="placeholders-title">
          <Subtitle2 as="h3" id="placeholders-title">{ui.templates.placeholdersTitle}</Subtitle2>
          <Text size={200}>{ui.templates.placeholdersLead}</Text>
          <ul className={s.list}>
            {(detail?.placeholders ?? []).map((p) => (
              <li key={p.name} className={s.placeholder}>
                <div className={s.placeholderRow}>
                  <Button size="small" className={s.token} aria-label={ui.templates.insert(p.name, p.label)} aria-describedby={`ph-${p.name}`} onClick={() => insert(p.name)}>
                    {`{{${p.name}}}`}
                  </Button>
                  {p.required && <Badge appearance="tint" color="important" size="small">{ui.templates.requiredBadge}</Badge>}
                </div>
                <Text id={`ph-${p.name}`} className={s.hint}>
                  <strong>{p.label}</strong>: {p.hint}
                </Text>
              </li>
            ))}
          </ul>
        </aside>
      </div>

      <Modal open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{confirm?.title}</DialogTitle>
            <DialogContent>{confirm?.text}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  confirm?.run();
                  setConfirm(null);
                }}
              >
                {confirm?.action}
              </Button>
              <Button onClick={() => setConfirm(null)}>{ui.templates.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Modal>
    </section>
  );
}
