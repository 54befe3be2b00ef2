import { useState } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, ProgressBar, Radio, RadioGroup, Select, Text, tokens } from '@fluentui/react-components';
import type { SigningMeans, TokenCertificateView } from '#core/contract';
import { call, mode, openDocument, signingSecret } from '../api/client';
import { plDayOf } from '../format';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { queryClient, useApi } from '../api/query';

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

type Means = 'card' | 'file';

const keyOf = (c: TokenCertificateView) => `${c.module}|${c.tokenSerial}|${c.certificateId}`;

/**
 * "Do podpisu": select approved decisions, choose the key once — a certificate on a card or a
 * .p12 file — and give its PIN or password once; each decision is signed or told why not, with
 * progress. In the desktop shell the PIN is typed in the shell's own window, never here; in
 * browser mode it is typed in the field below and not kept after the batch.
 */
export function SigningTray() {
  const s = useStyles();
  const list = useApi('decisions.toSign', {});
  const cards = useApi('signing.means', {});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [means, setMeans] = useState<Means | null>(null);
  const [cardKey, setCardKey] = useState<string>('');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [stamp, setStamp] = useState(true);
  const [progress, setProgress] = useState<{ done: number; all: number } | null>(null);
  const [messages, setMessages] = useState<{ ok: boolean; text: string }[]>([]);
  const certificates = cards.data?.certificates ?? [];
  // A card in the reader is what a head signs with; the file is for those without one.
  const chosenMeans: Means = means ?? (certificates.length > 0 ? 'card' : 'file');
  const card = certificates.find((c) => keyOf(c) === cardKey) ?? certificates.find((c) => c.problem === null) ?? certificates[0];
  const ready = chosenMeans === 'card' ? card !== undefined && card.problem === null : file !== null;

  const sign = async () => {
    const ids = [...selected];
    const out: { ok: boolean; text: string }[] = [];
    let session: string | null = null;
    try {
      const signing: SigningMeans | null =
        chosenMeans === 'card'
          ? card ? { kind: 'pkcs11', module: card.module, tokenSerial: card.tokenSerial, certificateId: card.certificateId } : null
          : file ? { kind: 'pkcs12', p12Base64: await base64Of(file) } : null;
      if (!signing) return;
      const who = chosenMeans === 'card' && card ? card.signerName : (file?.name ?? '');
      const secret = await signingSecret(chosenMeans === 'card' ? 'pin' : 'password', ui.decisions.secretAbout(ids.length, who), password);
      setPassword('');
      if (secret === null) return;
      const opened = await call('signing.begin', { means: signing, ...secret });
      session = opened.session;
      out.push({ ok: true, text: ui.decisions.signedWith(opened.signerName, opened.issuerName, opened.qualified) });
      setProgress({ done: 0, all: ids.length });
      const signed = new Set<string>();
      for (const [i, id] of ids.entries()) {
        const [r] = await call('decisions.sign', { ids: [id], session, visibleStamp: stamp });
        if (r) out.push({ ok: r.ok, text: r.message });
        if (r?.ok) signed.add(id);
        setProgress({ done: i + 1, all: ids.length });
      }
      // What was not signed (a failed one) stays ticked for the next attempt.
      setSelected(new Set(ids.filter((id) => !signed.has(id))));
    } catch (e) {
      // A wrong PIN or password, a card taken out: nothing more is tried.
      out.push({ ok: false, text: messageOf(e) });
    } finally {
      if (session !== null) await call('signing.end', { session }).catch(() => undefined);
      setMessages(out);
      setProgress(null);
    }
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
        <Field label={ui.decisions.means}>
          <RadioGroup layout="horizontal" value={chosenMeans} onChange={(_, v) => setMeans(v.value === 'card' ? 'card' : 'file')}>
            <Radio value="card" label={ui.decisions.meansCard} />
            <Radio value="file" label={ui.decisions.meansFile} />
          </RadioGroup>
        </Field>
      </div>
      <div className={s.panel}>
        {chosenMeans === 'card' ? (
          <>
            {certificates.length > 0 && card ? (
              <Field label={ui.decisions.cardCertificate} validationState={card.problem ? 'error' : 'none'} validationMessage={card.problem ?? undefined}>
                <Select value={keyOf(card)} onChange={(_, v) => setCardKey(v.value)}>
                  {certificates.map((c) => (
                    <option key={keyOf(c)} value={keyOf(c)}>
                      {ui.decisions.cardOption({ ...c, notAfter: plDayOf(c.notAfter) })}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : (
              <Text className={s.muted}>{ui.decisions.noCards}</Text>
            )}
            <Button onClick={() => void queryClient.invalidateQueries({ queryKey: ['signing.means'] })}>{ui.decisions.refreshCards}</Button>
          </>
        ) : (
          <Field label={ui.decisions.p12}>
            <input type="file" accept=".p12,.pfx,application/x-pkcs12" aria-label={ui.decisions.p12} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Field>
        )}
      </div>
      {[...(cards.error ? [cards.error] : []), ...(cards.data?.problems ?? [])].map((p) => (
        <MessageBar key={p} intent="warning"><MessageBarBody>{p}</MessageBarBody></MessageBar>
      ))}
      <div className={s.panel}>
        {mode === 'browser' ? (
          <Field label={chosenMeans === 'card' ? ui.decisions.pin : ui.decisions.password}>
            <Input type="password" value={password} onChange={(_, v) => setPassword(v.value)} autoComplete="off" />
          </Field>
        ) : (
          <Text className={s.muted}>{ui.decisions.secretInShell}</Text>
        )}
        <Checkbox label={ui.decisions.stamp} checked={stamp} onChange={(_, v) => setStamp(v.checked === true)} />
        <Button appearance="primary" disabled={selected.size === 0 || !ready || progress !== null} onClick={() => void sign()}>
          {ui.decisions.signSelected(selected.size)}
        </Button>
      </div>
      {progress && <ProgressBar value={progress.done / Math.max(1, progress.all)} aria-label={ui.decisions.signing(progress.done, progress.all)} />}
      {progress && <Text>{ui.decisions.signing(progress.done, progress.all)}</Text>}
    </section>
  );
}
