import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2, Title3, tokens } from '@fluentui/react-components';
import type { TermsRow } from '#core/contract';
import { useApi } from '../api/query';
import { ui } from '../i18n';
import { FinalityParties, FinalityStatus } from '../components/FinalityLines';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
  top: { verticalAlign: 'top' },
});

const ORDER = ['appealed', 'awaiting-delivery', 'appeal-running', 'final'] as const;

/**
 * "Terminy": the signed decisions of the person's units someone has to watch — sent and not yet
 * delivered, with an appeal period running (and the day each becomes final), appealed, and
 * those that became final this week (the clerk prints the finality clause, the case can close).
 */
export function Terms({ onOpenCase }: { onOpenCase: (id: string) => void }) {
  const s = useStyles();
  const terms = useApi('decisions.terms', { finalWithinDays: 7 });
  const group = (status: (typeof ORDER)[number]): TermsRow[] =>
    (terms.data ?? []).filter((t) => t.finality.status === status).sort((a, b) => (a.finality.finalOn ?? a.signedAt).localeCompare(b.finality.finalOn ?? b.signedAt));
  return (
    <section className={s.column} aria-labelledby="terms-title">
      <Title2 as="h1" id="terms-title">{ui.terms.title}</Title2>
      <Text className={s.muted}>{ui.terms.lead}</Text>
      {terms.error && <MessageBar intent="error"><MessageBarBody>{terms.error}</MessageBarBody></MessageBar>}
      {!terms.data && !terms.error && <Spinner />}
      {terms.data?.length === 0 && <Text>{ui.terms.empty}</Text>}
      {ORDER.map((status) => {
        const rows = group(status);
        if (rows.length === 0) return null;
        return (
          <section key={status} aria-label={ui.terms.groups[status]}>
            <Title3 block as="h2">{ui.terms.groups[status]} ({rows.length})</Title3>
            <Table size="small" aria-label={ui.terms.groups[status]}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: '22%' }}>{ui.terms.columns.decision}</TableHeaderCell>
                  <TableHeaderCell style={{ width: '22%' }}>{ui.terms.columns.case}</TableHeaderCell>
                  <TableHeaderCell>{ui.terms.columns.parties}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((t) => (
                  <TableRow key={t.decisionId}>
                    <TableCell className={s.top}>
                      <Text weight="semibold">{t.number ?? '—'}</Text> {t.typeName}
                      <br />
                      <FinalityStatus f={t.finality} decisionId={t.decisionId} />
                    </TableCell>
                    <TableCell className={s.top}>
                      <Button appearance="transparent" size="small" aria-label={ui.terms.openCase(t.caseSign)} onClick={() => onOpenCase(t.caseId)}>{t.caseSign}</Button>
                      <br />
                      <Text size={200}>{t.caseTitle} · {ui.terms.columns.owner}: {t.ownerName}</Text>
                    </TableCell>
                    <TableCell className={s.top}>
                      <FinalityParties f={t.finality} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        );
      })}
    </section>
  );
}
