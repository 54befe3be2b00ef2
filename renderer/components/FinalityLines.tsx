import { useState } from 'react';
import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { openDocument } from '../api/client';
import { messageOf } from '../useAsync';
import type { DecisionFinality } from '#core/contract';
import { ui } from '../i18n';
import { plDate } from '../format';

const useStyles = makeStyles({
  parties: { margin: `${tokens.spacingVerticalXXS} 0 0 0`, paddingLeft: tokens.spacingHorizontalL },
  late: { color: tokens.colorPaletteRedForeground1 },
});

const COLORS = { 'awaiting-delivery': 'warning', 'appeal-running': 'informative', appealed: 'danger', final: 'success' } as const;

/** What a head asks of a signed decision: is it delivered, until when may each party appeal, is it final. */
export function FinalityStatus({ f, decisionId }: { f: DecisionFinality; decisionId: string }) {
  const s = useStyles();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <Badge appearance="tint" color={COLORS[f.status]}>{ui.finality.statuses[f.status]}</Badge>{' '}
      {f.status === 'final' && f.finalOn && (
        <>
          <Text>{ui.finality.finalOn(plDate(f.finalOn))}</Text>{' '}
          <Button size="small" onClick={() => void openDocument('decisions.finalityCopy', { id: decisionId }).catch((e: unknown) => setProblem(messageOf(e)))}>{ui.finality.clause}</Button>
          {problem && <Text role="alert" className={s.late}> {problem}</Text>}
        </>
      )}
      {f.status === 'appeal-running' && f.finalOn && <Text>{ui.finality.willBeFinal(plDate(f.finalOn))}</Text>}
    </>
  );
}

/** Each party: the letter's delivery, the last day to appeal, a waiver, an appeal on time or late. */
export function FinalityParties({ f }: { f: DecisionFinality }) {
  const s = useStyles();
  return (
    <ul className={s.parties}>
      {f.parties.map((p) => {
        const parts: string[] = [];
        if (p.outgoingLabel === null) parts.push(ui.finality.notSent);
        else if (p.returned) parts.push(ui.finality.returned(p.outgoingLabel));
        else if (p.deliveredOn === null) parts.push(ui.finality.noReceipt(p.outgoingLabel));
        else parts.push(ui.finality.delivered(plDate(p.deliveredOn), p.deemed));
        if (p.appealEnd) parts.push(ui.finality.appealEnd(plDate(p.appealEnd)) + (p.appealEndMovedBecause.length ? ui.finality.moved(p.appealEndMovedBecause.join(', ')) : ''));
        if (p.waivedOn) parts.push(ui.finality.waived(plDate(p.waivedOn)));
        if (p.appeal) parts.push(ui.finality.appealOnTime(p.appeal.label, plDate(p.appeal.filedOn), p.appeal.countedFrom === 'postmark'));
        return (
          <li key={p.partyId}>
            <Text weight="semibold">{p.name}</Text>: {parts.join('; ')}
            {p.lateAppeals.map((a) => (
              <Text key={a.letterId} className={s.late}>; {ui.finality.appealLate(a.label, a.daysLate)}</Text>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
