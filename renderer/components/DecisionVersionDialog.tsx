import { useEffect, useState } from 'react';
import { Button, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { Modal } from './Modal';
import type { MethodOutput } from '#core/contract';
import { call, openDocument } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { plDayOf } from '../format';

const useStyles = makeStyles({
  surface: { maxWidth: '860px', width: '90vw' },
  scroll: { maxHeight: '70vh', overflow: 'auto', display: 'grid', gap: tokens.spacingVerticalS },
  label: { fontWeight: tokens.fontWeightSemibold },
  text: { whiteSpace: 'pre-wrap', margin: 0 },
});

type Version = MethodOutput<'decisions.version'>;

/** An earlier version of a draft, read-only, with what it changed and its print. */
export function DecisionVersionDialog({ decisionId, version, onClose }: { decisionId: string; version: number | null; onClose: () => void }) {
  const s = useStyles();
  const [v, setV] = useState<Version | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setV(null);
    setError(null);
    if (version === null) return;
    call('decisions.version', { id: decisionId, version }).then(setV, (e: unknown) => setError(messageOf(e)));
  }, [decisionId, version]);
  const row = (label: string, value: string) => (
    <div>
      <Text className={s.label} block>{label}</Text>
      <p className={s.text}>{value || '—'}</p>
    </div>
  );
  return (
    <Modal open={version !== null} onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface className={s.surface}>
        <DialogBody>
          <DialogTitle>{version !== null ? ui.decisions.versionTitle(version) : ''}</DialogTitle>
          <DialogContent className={s.scroll}>
            {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
            {!v && !error && <Spinner />}
            {v && (
              <>
                <MessageBar intent="info">
                  <MessageBarBody>
                    {ui.decisions.showVersion(v.version, v.createdByName, plDayOf(v.createdAt))}. {v.changedFields.length > 0 ? ui.decisions.changed(v.changedFields.join(', ')) : ui.decisions.unchanged}
                  </MessageBarBody>
                </MessageBar>
                {row(ui.decisions.parties, v.content.parties.map((p) => `${p.name}; ${p.address}`).join('\n'))}
                {row(ui.decisions.legalBasis, v.content.legalBasis)}
                {row(ui.decisions.ruling, v.content.ruling)}
                {row(ui.decisions.justification, v.content.justificationWaived ? ui.decisions.waived : v.content.justification)}
                {row(ui.decisions.appeal, v.content.appealInstruction)}
                {row(ui.decisions.signatoryName, [v.content.signatoryName, v.content.signatoryPosition].filter(Boolean).join(', '))}
              </>
            )}
          </DialogContent>
          <DialogActions>
            {version !== null && <Button onClick={() => void openDocument('decisions.pdf', { id: decisionId, version }).catch((e: unknown) => setError(messageOf(e)))}>{ui.decisions.versionPdf}</Button>}
            <Button appearance="primary" onClick={onClose}>{ui.common.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Modal>
  );
}
