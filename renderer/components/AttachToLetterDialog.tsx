import { useState } from 'react';
import { Button, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Modal } from './Modal';
import type { IncomingDetail } from '#core/contract';
import { call, ApiCallError } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';

/** Adds a scanner file to a letter already registered, found by the number on its label. */
export function AttachToLetterDialog(props: { fileName: string | null; onClose: () => void; onAttached: (d: IncomingDetail) => void }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const attach = async () => {
    if (!props.fileName) return;
    setError(null);
    try {
      const { id } = await call('intake.findByLabel', { label });
      if (!id) throw new ApiCallError({ code: 'LETTER_LABEL_NOT_FOUND', message: ui.intake.attachNotFound(label) });
      const staged = await call('scans.stageFromInbox', { name: props.fileName });
      const detail = await call('intake.attachScans', { id, scans: [{ sha256: staged.sha256, fileName: staged.fileName }], inboxFiles: [props.fileName] });
      setLabel('');
      props.onAttached(detail);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Modal open={props.fileName !== null} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void attach();
          }}
        >
          <DialogBody>
            <DialogTitle>{ui.intake.attachTitle(props.fileName ?? '')}</DialogTitle>
            <DialogContent>
              {error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
              <Field label={ui.intake.attachNumber} required>
                <Input value={label} onChange={(_, d) => setLabel(d.value)} autoFocus placeholder="RPW/12/2026" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={label.trim() === ''}>{ui.intake.attach}</Button>
              <Button onClick={props.onClose}>{ui.party.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Modal>
  );
}
