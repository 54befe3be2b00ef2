import { useEffect, useRef } from 'react';
import { Dialog, type DialogProps } from '@fluentui/react-components';

/**
 * A Fluent Dialog that gives the keyboard focus back to what had it when the dialog opened.
 * Fluent does that only for a dialog opened by its own DialogTrigger; ours open from code (a
 * register row, a search result, a button in a list), and the focus fell to the page body: a
 * keyboard user had to tab through the whole page again to get back to where they were.
 */
export function Modal(props: DialogProps) {
  const opener = useRef<HTMLElement | null>(null);
  // Read while rendering the opening: by the time an effect runs, the dialog has taken the focus.
  if (props.open && opener.current === null && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
    opener.current = document.activeElement;
  }
  useEffect(() => {
    if (props.open) return;
    const back = opener.current;
    opener.current = null;
    if (!back) return;
    // After the dialog's own cleanup, and only if nothing else took the focus meanwhile.
    const t = setTimeout(() => {
      if (back.isConnected && (document.activeElement === document.body || document.activeElement === null)) back.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [props.open]);
  return <Dialog {...props} />;
}
