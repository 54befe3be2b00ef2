import { useState } from 'react';
import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { SignatureCheck } from '#core/contract';
import { ui } from '../i18n';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  steps: { margin: `${tokens.spacingVerticalXS} 0 0`, padding: 0, listStyleType: 'none' },
  toggle: { display: 'block', marginTop: tokens.spacingVerticalXS },
  disallowed: { fontWeight: tokens.fontWeightSemibold },
});

const marks = { passed: '✓', failed: '✗', indeterminate: '?', warning: '!', 'not-checked': '–' } as const;

/**
 * One electronic signature's verdict (ETSI: ważny / nierozstrzygnięty / NIEWAŻNY) with what
 * changed in the file after it and, on request, every check made — what a clerk needs to tell a
 * resident why a signature is not accepted.
 */
export function SignatureVerdict({ file, signature: sig }: { file: string; signature: SignatureCheck }) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const intent = sig.indication === 'TOTAL_PASSED' ? 'success' : sig.indication === 'INDETERMINATE' ? 'warning' : 'error';
  return (
    <MessageBar intent={intent} layout="multiline" data-signature-verdict={sig.indication}>
      <MessageBarBody>
        <MessageBarTitle>{ui.intake.signature(file, `${sig.signer}${sig.identifier ? ` (${sig.identifier})` : ''}`)} — {sig.verdict}{sig.qualified ? ` (${ui.signatures.qualified})` : ''}</MessageBarTitle>
        {sig.summary}
        {sig.changes.length > 0 && (
          <ul className={s.list} aria-label={ui.signatures.changes}>
            {sig.changes.map((c, i) => (
              <li key={i} className={c.allowed ? undefined : s.disallowed}>
                {c.allowed ? ui.signatures.allowed(c.text) : ui.signatures.disallowed(c.text)}
              </li>
            ))}
          </ul>
        )}
        <Link as="button" className={s.toggle} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? ui.signatures.hideChecks : ui.signatures.showChecks}
        </Link>
        {open && (
          <ul className={s.steps} aria-label={ui.signatures.checks}>
            {sig.steps.map((step, i) => (
              <li key={i}>
                <span aria-label={ui.signatures.outcome[step.outcome]}>{marks[step.outcome]}</span> {step.label}: {step.text}
              </li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
