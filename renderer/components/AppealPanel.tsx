import { useEffect, useState } from 'react';
import { Button, Field, makeStyles, Radio, RadioGroup, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import type { IncomingDetail } from '#core/contract';
import { call } from '../api/client';
import { useApi } from '../api/query';
import { ui } from '../i18n';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Kind = 'appeal' | 'waiver';

/**
 * Names an incoming letter as a party's appeal against a signed decision, or its waiver of the
 * appeal: the decisions offered are those of the letter's case, else those sent to its sender.
 */
export function AppealPanel({ letter, onDone, onFailed, onBack }: { letter: IncomingDetail; onDone: (message: string) => void; onFailed: (e: unknown) => void; onBack: () => void }) {
  const s = useStyles();
  const choices = useApi('decisions.appealable', { letterId: letter.id });
  const [decisionId, setDecisionId] = useState(letter.appeal?.decisionId ?? '');
  const [partyId, setPartyId] = useState(letter.appeal?.partyId ?? '');
  const [kind, setKind] = useState<Kind>(letter.appeal?.kind ?? 'appeal');
  const chosen = choices.data?.find((c) => c.decisionId === decisionId) ?? null;
  useEffect(() => {
    // The first decision, and its party who sent the letter, are the likely answer.
    const first = choices.data?.[0];
    if (!decisionId && first) setDecisionId(first.decisionId);
  }, [choices.data, decisionId]);
  useEffect(() => {
    if (!chosen || chosen.parties.some((p) => p.partyId === partyId)) return;
    setPartyId(chosen.parties.find((p) => p.partyId === letter.sender.id)?.partyId ?? chosen.parties[0]?.partyId ?? '');
  }, [chosen, partyId, letter.sender.id]);
  const save = async (mark: { decisionId: string; kind: Kind; partyId: string } | null) => {
    try {
      await call('decisions.markAppeal', { letterId: letter.id, mark });
      onDone(mark ? ui.appeal.saved : ui.appeal.unmarked);
    } catch (e) {
      onFailed(e);
    }
  };
  if (choices.error) return <Text>{choices.error}</Text>;
  if (choices.data === null) return <Spinner />;
  const offered = choices.data;
  return (
    <form
      className={s.column}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen && partyId) void save({ decisionId: chosen.decisionId, kind, partyId });
      }}
    >
      <Text>{ui.appeal.lead}</Text>
      {offered.length === 0 && <Text>{ui.appeal.none}</Text>}
      {offered.length > 0 && (
        <>
          <Field label={ui.appeal.decision} required>
            <Select value={decisionId} onChange={(_, d) => setDecisionId(d.value)} autoFocus>
              {offered.map((c) => <option key={c.decisionId} value={c.decisionId}>{ui.appeal.decisionOption(c.number, c.typeName, c.caseSign)}</option>)}
            </Select>
          </Field>
          <Field label={ui.appeal.party} required>
            <Select value={partyId} onChange={(_, d) => setPartyId(d.value)}>
              {chosen?.parties.map((p) => <option key={p.partyId} value={p.partyId}>{p.name}</option>)}
            </Select>
          </Field>
          <Field label={ui.appeal.kind}>
            <RadioGroup value={kind} onChange={(_, d) => setKind(d.value === 'waiver' ? 'waiver' : 'appeal')}>
              {(['appeal', 'waiver'] as const).map((k) => <Radio key={k} value={k} label={ui.appeal.kinds[k]} />)}
            </RadioGroup>
          </Field>
        </>
      )}
      <div className={s.actions}>
        {offered.length > 0 && <Button appearance="primary" type="submit">{ui.appeal.save}</Button>}
        {letter.appeal && <Button onClick={() => void save(null)}>{ui.appeal.unmark}</Button>}
        <Button onClick={onBack}>{ui.letter.back}</Button>
      </div>
    </form>
  );
}
