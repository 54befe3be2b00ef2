import { useState } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { call, openDocument } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', padding: tokens.spacingVerticalS, backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  panel: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Base64 of a file chosen by the head, without holding it as text anywhere else. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * "Do podpisu": select approved decisions, choose the certificate file once, type the password
 * once; each decision is signed or told why not, with progress. The password is sent for these
 * calls only and is not kept in the page afterwards.
 */
export function SigningTray() {
  const s = useStyles();
  const list = useApi('decisions.toSign', {});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [stamp, setStamp] = useState(true);
  const [progress, setProgress] = useState<{ done: number; all: number } | null>(null);
  const [messages, setMessages] = useState<{ ok: boolean; text: string }[]>([]);
  const sign = async () => {
    if (!file) return;
    const ids = [...selected];
    const p12Base64 = await base64Of(file);
    const out: { ok: boolean; text: string }[] = [];
    setProgress({ done: 0, all: ids.length });
    const signed = new Set<string>();
    for (const [i, id] of ids.entries()) {
      try {
        const [r] = await call('decisions.sign', { ids: [id], p12Base64, password, visibleStamp: stamp });
        if (r) out.push({ ok: r.ok, text: r.message });
        if (r?.ok) signed.add(id);
      } catch (e) {
        out.push({ ok: false, text: messageOf(e) });
        // A wrong password or certificate fails every decision alike: stop at the first.
        break;
      }
      setProgress({ done: i + 1, all: ids.length });
    }
    setPassword('');
    setMessages(out);
    // What was not signed (a wrong password, a failed one) stays ticked for the next attempt.
    setSelected(new Set(ids.filter((id) => !signed.has(id))));
    setProgress(null);
  };
  return (
    <section className={s.wrap} aria-label={ui.decisions.toSign}>
      {messages.map((m, i) => (
        <MessageBar key={String(i)} intent={m.ok ? 'success' : 'error'}><MessageBarBody>{m.text}</MessageBarBody></MessageBar>
      ))}
      <ul className={s.list}>
        {list.data?.length === 0 && <li className={s.muted}>{ui.inbox.empty}</li>}
        {list.data?.map((d) => (
          <li key={d.id} className={s.row}>
            <Checkbox
              aria-label={ui.decisions.select(`${d.typeName} ${d.caseSign}`)}
              checked={selected.has(d.id)}
              onChange={(_, v) => setSelected((cur) => { const n = new Set(cur); if (v.checked) n.add(d.id); else n.delete(d.id); return n; })}
            />
            <Text><strong>{d.typeName}</strong> — {d.caseSign} · {d.authorName} · {ui.decisions.version(d.currentVersion)}</Text>
            {/* What will be signed, read before signing: the approved text as it prints. */}
            <Button size="small" aria-label={`${ui.decisions.preview}: ${d.typeName} ${d.caseSign}`} onClick={() => void openDocument('decisions.pdf', { id: d.id }).catch((e: unknown) => setMessages([{ ok: false, text: messageOf(e) }]))}>
              {ui.decisions.preview}
            </Button>
          </li>
        ))}
      </ul>
      <div className={s.panel}>
        <Field label={ui.decisions.p12}>
          <input type="file" accept=".p12,.pfx,application/x-pkcs12" aria-label={ui.decisions.p12} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <Field label={ui.decisions.password}>
          <Input type="password" value={password} onChange={(_, v) => setPassword(v.value)} autoComplete="off" />
        </Field>
        <Checkbox label={ui.decisions.stamp} checked={stamp} onChange={(_, v) => setStamp(v.checked === true)} />
        <Button appearance="primary" disabled={selected.size === 0 || !file || progress !== null} onClick={() => void sign()}>
          {ui.decisions.signSelected(selected.size)}
        </Button>
      </div>
      {progress && <ProgressBar value={progress.done / Math.max(1, progress.all)} aria-label={ui.decisions.signing(progress.done, progress.all)} />}
      {progress && <Text>{ui.decisions.signing(progress.done, progress.all)}</Text>}
    </section>
  );
}
