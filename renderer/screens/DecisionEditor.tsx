import { useEffect, useState } from 'react';
import { Button, Checkbox, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Textarea, tokens } from '@fluentui/react-components';
import { Modal } from '../components/Modal';
import type { DecisionContent, DecisionDetail, User } from '#core/contract';

type DetailName = keyof DecisionContent['details'];
import { call, openDocument } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { plDayOf } from '../format';
import { DecisionVersionDialog } from '../components/DecisionVersionDialog';

const useStyles = makeStyles({
  surface: { maxWidth: '1000px', width: '95vw' },
  // The whole width for the buttons: in the dialog's own half-width column their words broke in two.
  actions: { display: 'flex', justifyContent: 'flex-end', flexWrap: 'wrap', '& button': { whiteSpace: 'nowrap' } },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', alignItems: 'start', gap: tokens.spacingHorizontalM },
  wide: { gridColumn: '1 / 4' },
  twoThirds: { gridColumn: '2 / 4' },
  scroll: { maxHeight: '72vh', overflow: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
  section: { marginTop: tokens.spacingVerticalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  versions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** The catalogue's placeholder words start small (they sit inside sentences); a field's label and hint start a sentence. */
const sentence = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

const partiesText = (c: DecisionContent) => c.parties.map((p) => `${p.name}; ${p.address}`).join('\n');
/** The typed lines back as parties; a name that was in the draft keeps its link to the party register. */
const parseParties = (text: string, before: DecisionContent['parties']) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [name = '', ...rest] = l.split(';');
      return { name: name.trim(), address: rest.join(';').trim(), partyId: before.find((p) => p.name === name.trim())?.partyId ?? null };
    });

/** Drafting and akceptacja of one decision: the form, what art. 107 still misses, versions, reviews. */
export function DecisionEditor({ id, user, onClose }: { id: string | null; user: User; onClose: () => void }) {
  const s = useStyles();
  const [d, setD] = useState<DecisionDetail | null>(null);
  const [c, setC] = useState<DecisionContent | null>(null);
  const [parties, setParties] = useState('');
  const [remarks, setRemarks] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [shownVersion, setShownVersion] = useState<number | null>(null);
  useEffect(() => {
    setD(null);
    setError(null);
    if (!id) return;
    call('decisions.get', { id }).then(
      (x) => {
        setD(x);
        setC(x.content);
        setParties(partiesText(x.content));
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [id]);
  const editable = d !== null && d.yoursToWrite;
  const decision = d === null || d.kind === 'decision';
  // Decisions and certificates: numbered in the decision register, with a legal basis and a fee.
  const numbered = decision || d.kind === 'certificate';
  const lastReturn = d?.reviews.filter((r) => r.outcome === 'returned').at(-1) ?? null;
  // The person the draft waits for acts; a head may be acting as a substitute (the server checks).
  const waitingFor = d?.approvalPath.find((x) => x.state === 'waiting')?.userId ?? null;
  const reviewing = d !== null && d.status === 'submitted' && (waitingFor === user.id || user.role === 'head');
  const run = async (f: () => Promise<DecisionDetail>) => {
    try {
      const x = await f();
      setD(x);
      setC(x.content);
      setParties(partiesText(x.content));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const current = (): DecisionContent | null => (c ? { ...c, parties: parseParties(parties, c.parties) } : null);
  /**
   * Saves the form as a new version when it differs from the one shown (an unchanged form makes
   * no new version); throws so that a submit after it does not go ahead. The saved version is
   * the editor's at once: a submit refused after it leaves the editor on it, not on the old one.
   */
  const saveVersion = async (): Promise<DecisionDetail> => {
    const content = current();
    if (!d || !content) throw new Error('no draft');
    if (JSON.stringify(content) === JSON.stringify(d.content)) return d;
    const saved = await call('decisions.save', { id: d.id, expectedVersion: d.currentVersion, content });
    setD(saved);
    return saved;
  };
  const save = () => run(saveVersion);
  const set = <K extends keyof DecisionContent>(k: K, v: DecisionContent[K]) => setC((x) => (x ? { ...x, [k]: v } : x));
  const text = (k: 'organ' | 'place' | 'legalBasis' | 'fee' | 'signatoryName' | 'signatoryPosition', label: string, wide = false) => (
    <Field label={label} className={wide ? s.wide : undefined}>
      <Input value={c?.[k] ?? ''} readOnly={!editable} onChange={(_, v) => set(k, v.value)} />
    </Field>
  );
  const area = (k: 'ruling' | 'justification' | 'appealInstruction', label: string, rows: number) => (
    <Field label={label} className={s.wide}>
      <Textarea value={c?.[k] ?? ''} readOnly={!editable} rows={rows} resize="vertical" onChange={(_, v) => set(k, v.value)} />
    </Field>
  );
  return (
    <Modal open={id !== null} onOpenChange={(_, v) => !v.open && onClose()}>
      <DialogSurface className={s.surface}>
        <DialogBody>
          <DialogTitle>{d ? `${ui.decisions.editorTitle(d.typeName, d.caseSign)} · ${ui.decisions.statuses[d.status]} · ${ui.decisions.version(d.currentVersion)}` : ui.app.loading}</DialogTitle>
          <DialogContent className={s.scroll}>
            {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
            {!d && !error && <Spinner />}
            {d && c && (
              <>
                {d.status === 'returned' && lastReturn && (
                  // The head's remarks first and plain: they are what the clerk opened the draft for.
                  <MessageBar intent="warning" layout="multiline" data-testid="returned-remarks">
                    <MessageBarBody>
                      <MessageBarTitle>{ui.decisions.returnedBy(lastReturn.reviewerName, ui.decisions.version(lastReturn.version))}</MessageBarTitle>{' '}
                      {lastReturn.remarks ?? ui.decisions.returnedNoRemarks}
                    </MessageBarBody>
                  </MessageBar>
                )}
                {d.missing.length > 0 ? (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{decision ? ui.decisions.missing : ui.decisions.missingInLetter}</MessageBarTitle> {d.missing.join(', ')}
                    </MessageBarBody>
                  </MessageBar>
                ) : (
                  <MessageBar intent="success"><MessageBarBody>{decision ? ui.decisions.complete : ui.decisions.completeLetter}</MessageBarBody></MessageBar>
                )}
                <div className={s.grid}>
                  {text('organ', decision ? ui.decisions.organ : ui.decisions.organOfLetter)}
                  {text('place', ui.decisions.place)}
                  <Field label={ui.decisions.date} hint={ui.decisions.dateHint}>
                    <Input type="date" value={c.date ?? ''} readOnly={!editable} onChange={(_, v) => set('date', v.value || null)} />
                  </Field>
                  <Field label={ui.decisions.parties} className={s.wide}>
                    <Textarea value={parties} readOnly={!editable} rows={2} onChange={(_, v) => setParties(v.value)} />
                  </Field>
                  <Field label={ui.decisions.applicationDate} hint={ui.decisions.applicationDateHint}>
                    <Input type="date" value={c.applicationDate ?? ''} readOnly={!editable} onChange={(_, v) => set('applicationDate', v.value || null)} />
                  </Field>
                  {d.kind !== 'certificate' && (
                    <Field label={ui.decisions.subject} hint={decision ? ui.decisions.subjectHint : undefined} className={s.twoThirds}>
                      <Textarea value={c.subject} readOnly={!editable} rows={2} resize="vertical" onChange={(_, v) => set('subject', v.value)} />
                    </Field>
                  )}
                  {numbered && text('legalBasis', ui.decisions.legalBasis, true)}
                  {d.detailFields.map((f) => (
                    // The template's own texts: the deficiencies, the reason for a delay, what a certificate confirms.
                    <Field key={f.name} label={sentence(f.label)} hint={sentence(f.hint)} className={s.wide}>
                      <Textarea
                        value={c.details[f.name as DetailName] ?? ''}
                        readOnly={!editable}
                        rows={f.name === 'braki' || f.name === 'tresc' ? 4 : 2}
                        resize="vertical"
                        onChange={(_, v) => set('details', { ...c.details, [f.name]: v.value })}
                      />
                    </Field>
                  ))}
                  {decision && (
                    <>
                      {area('ruling', ui.decisions.ruling, 4)}
                      <Checkbox className={s.wide} label={ui.decisions.waived} checked={c.justificationWaived} disabled={!editable} onChange={(_, v) => set('justificationWaived', v.checked === true)} />
                      {area('justification', ui.decisions.justification, 6)}
                      {area('appealInstruction', ui.decisions.appeal, 4)}
                    </>
                  )}
                  {d.kind === 'delay-notice' && area('appealInstruction', ui.decisions.ponaglenie, 4)}
                  {numbered && text('fee', ui.decisions.fee)}
                  {text('signatoryName', ui.decisions.signatoryName)}
                  {text('signatoryPosition', ui.decisions.signatoryPosition)}
                </div>
                {reviewing && (
                  <Field label={ui.decisions.remarks}>
                    <Textarea value={remarks} onChange={(_, v) => setRemarks(v.value)} />
                  </Field>
                )}
                {d.approvalPath.length > 0 && (
                  <section className={s.section} aria-label={ui.decisions.path}>
                    <Text className={s.heading}>{ui.decisions.path}</Text>
                    <ol className={s.list}>
                      {d.approvalPath.map((x, i) => (
                        <li key={`${x.userId}-${String(i)}`}>{ui.decisions.stage(x.fullName, x.position, ui.decisions.stageStates[x.state])}</li>
                      ))}
                    </ol>
                  </section>
                )}
                {d.dispatch.length > 0 && (
                  <section className={s.section} aria-label={ui.decisions.dispatchTitle}>
                    <Text className={s.heading}>{ui.decisions.dispatchTitle}</Text>
                    <ul className={s.list}>
                      {d.dispatch.map((x) => (
                        <li key={x.id}>{ui.decisions.dispatchState(x.addresseeName, x.outgoingNumber ? `${ui.decisions.dispatchStates[x.status]} ${x.outgoingNumber}` : ui.decisions.dispatchStates[x.status])}</li>
                      ))}
                    </ul>
                  </section>
                )}
                <section className={s.section} aria-label={ui.decisions.versions}>
                  <Text className={s.heading}>{ui.decisions.versions}</Text>
                  <div className={s.versions}>
                    {d.versions.map((v) => (
                      <Button key={v.version} size="small" appearance="subtle" onClick={() => setShownVersion(v.version)}>
                        {ui.decisions.showVersion(v.version, v.createdByName, plDayOf(v.createdAt))}
                      </Button>
                    ))}
                  </div>
                </section>
                {d.reviews.length > 0 && (
                  <Text block className={s.muted}>
                    {ui.decisions.reviews}: {d.reviews.map((r) => `${ui.decisions.version(r.version)} — ${ui.decisions.statuses[r.outcome]} (${r.reviewerName})${r.remarks ? `: ${r.remarks}` : ''}`).join(' · ')}
                  </Text>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions fluid className={s.actions}>
            {editable && <Button onClick={() => void save()}>{ui.decisions.save}</Button>}
            {editable && (
              <Button appearance="primary" onClick={() => void run(async () => {
                const saved = await saveVersion();
                return call('decisions.submit', { id: saved.id });
              })}>
                {ui.decisions.submit}
              </Button>
            )}
            {reviewing && <Button appearance="primary" onClick={() => void run(() => call('decisions.review', { id: d.id, outcome: 'approved', remarks: remarks || null }))}>{ui.decisions.approve}</Button>}
            {reviewing && <Button onClick={() => void run(() => call('decisions.review', { id: d.id, outcome: 'returned', remarks: remarks || null }))}>{ui.decisions.returnIt}</Button>}
            {d && <Button onClick={() => void openDocument('decisions.pdf', { id: d.id }).catch((e: unknown) => setError(messageOf(e)))}>{ui.decisions.preview}</Button>}
            <Button onClick={onClose}>{ui.common.close}</Button>
          </DialogActions>
        </DialogBody>
        {d && <DecisionVersionDialog decisionId={d.id} version={shownVersion} onClose={() => setShownVersion(null)} />}
      </DialogSurface>
    </Modal>
  );
}
