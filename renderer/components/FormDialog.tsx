import type { ReactNode } from 'react';
import { Button, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Modal } from './Modal';
import { ui } from '../i18n';

/**
 * A dialog with a form: its title, the refusal (in Polish, read out by screen readers), the
 * fields, and the two buttons — Enter submits, Escape or Anuluj closes, the focus goes back.
 */
export function FormDialog(props: { open: boolean; title: string; error: string | null; submitLabel: string; cancelLabel?: string; onSubmit: () => void; onClose: () => void; children: ReactNode }) {
  return (
    <Modal open={props.open} onOpenChange={(_, v) => !v.open && props.onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit();
          }}
        >
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent>
              {props.error && <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{props.error}</MessageBarBody></MessageBar>}
              {props.children}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit">{props.submitLabel}</Button>
              <Button onClick={props.onClose}>{props.cancelLabel ?? ui.common.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Modal>
  );
}
