import { useEffect, useState } from 'react';
import { Badge, Button, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { Modal } from './Modal';
import type { MethodOutput, ReopenedIncoming, SyncStatus } from '#core/contract';

/** A refused registration opened again, with the server's reason for refusing it. */
export type Reopened = ReopenedIncoming & { reason: string | null };
import { call } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { plDateTime } from '../format';

const useStyles = makeStyles({
  button: { color: tokens.colorNeutralForegroundOnBrand, flexShrink: 0 },
  badge: { whiteSpace: 'nowrap' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' } },
  // The date and the state are short: kept on one line, the reason gets the room.
  nowrap: { whiteSpace: 'nowrap' },
  surface: { maxWidth: '1100px', width: '90vw' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center', maxWidth: '300px' },
});

const COMMAND_COLORS = { pending: 'informative', applied: 'success', rejected: 'danger' } as const;

// The status answer carries the data revision too: a pull that changed the replica refreshes
// the open screens within this interval.
const POLL_MS = 2_000;

/** The header's link state: online / offline / syncing, what waits, what the server refused. */
export function SyncIndicator({ initial, onReopen }: { initial: SyncStatus; onReopen: ((draft: Reopened) => void) | null }) {
  const s = useStyles();
  const [status, setStatus] = useState<SyncStatus>(initial);
  const [open, setOpen] = useState(false);
  const [commands, setCommands] = useState<MethodOutput<'sync.commands'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const reload = () => call('sync.commands', {}).then(setCommands, (e: unknown) => setError(messageOf(e)));
  const reopen = (c: MethodOutput<'sync.commands'>[number]) =>
    call('sync.reopen', { mutationId: c.mutationId }).then(
      (draft) => {
        setOpen(false);
        onReopen?.({ ...draft, reason: c.reason });
      },
      (e: unknown) => setError(messageOf(e)),
    );
  const discard = (mutationId: number) =>
    call('sync.discard', { mutationId }).then(
      () => {
        setConfirming(null);
        void reload();
        call('sync.status', {}).then((x) => x && setStatus(x), () => undefined);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  useEffect(() => {
    const refresh = () => call('sync.status', {}).then((x) => x && setStatus(x), () => undefined);
    // At once as well: `initial` was read before the sign-in, which has synced since; a header
    // saying "bez połączenia" for the first seconds after a good sign-in would mislead.
    void refresh();
    const t = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    if (open) void reload();
    // Closed, the list is forgotten: opened again it never shows what was true the last time
    // (a registration corrected since, a command the server took meanwhile).
    else setCommands(null);
  }, [open, status]);
  const color = status.rejected > 0 ? 'danger' : status.state === 'offline' ? 'warning' : status.pending > 0 || status.progress ? 'informative' : 'success';
  const label = status.progress ? ui.sync.progress(status.progress.percent) : ui.sync.indicator(ui.sync.states[status.state], status.pending, status.rejected);
  return (
    <>
      <Button appearance="transparent" className={s.button} onClick={() => setOpen(true)} aria-label={`${ui.sync.panelTitle}: ${label}`}>
        <Badge color={color} className={s.badge} data-testid="sync-state">{label}</Badge>
      </Button>
      <Modal open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogSurface className={s.surface}>
          <DialogBody>
            <DialogTitle>{ui.sync.panelTitle}</DialogTitle>
            <DialogContent className={s.content}>
              {error && <MessageBar intent="error" layout="multiline"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
              <Text block>{ui.sync.server(status.serverUrl, ui.sync.states[status.state])}</Text>
              <Text block>{status.lastSyncAt ? ui.sync.lastSync(plDateTime(status.lastSyncAt)) : ui.sync.never}</Text>
              {status.progress && (
                <MessageBar intent="info" layout="multiline">
                  <MessageBarBody>{ui.sync.progressLead(status.progress.percent, status.progress.rows)}</MessageBarBody>
                </MessageBar>
              )}
              {status.lastError && (
                <MessageBar intent={status.state === 'offline' ? 'warning' : 'error'} layout="multiline">
                  <MessageBarBody>{ui.sync.lastError(status.lastError)}</MessageBarBody>
                </MessageBar>
              )}
              {status.rejected > 0 && <MessageBar intent="warning" layout="multiline"><MessageBarBody>{ui.sync.rejectedLead}</MessageBarBody></MessageBar>}
              {commands?.length === 0 && <Text block>{ui.sync.none}</Text>}
              {commands && commands.length > 0 && (
                <table className={s.table} aria-label={ui.sync.panelTitle}>
                  <thead>
                    <tr>{Object.values(ui.sync.columns).map((c) => <th key={c}>{c}</th>)}</tr>
                  </thead>
                  <tbody>
                    {commands.map((c) => (
                      <tr key={c.mutationId}>
                        <td>{c.label}</td>
                        <td className={s.nowrap}>{plDateTime(c.createdAt)}</td>
                        <td className={s.nowrap}>
                          <Badge appearance="tint" color={COMMAND_COLORS[c.status]}>{ui.sync.commandStates[c.status]}</Badge>
                        </td>
                        <td>{c.reason ?? ''}</td>
                        <td>
                          <div className={s.actions}>
                          {c.status === 'rejected' && confirming !== c.mutationId && (
                            <>
                              {c.reopenable && onReopen && <Button size="small" appearance="primary" onClick={() => void reopen(c)}>{ui.sync.reopen}</Button>}
                              <Button size="small" onClick={() => setConfirming(c.mutationId)}>{ui.sync.discard}</Button>
                            </>
                          )}
                          {confirming === c.mutationId && (
                            <>
                              <Text size={200}>{ui.sync.discardConfirm}</Text>
                              <Button size="small" appearance="primary" onClick={() => void discard(c.mutationId)}>{ui.sync.discardYes}</Button>
                              <Button size="small" onClick={() => setConfirming(null)}>{ui.sync.discardNo}</Button>
                            </>
                          )}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void call('sync.now', {}).then(setStatus, (e: unknown) => setError(messageOf(e)))}>{ui.sync.now}</Button>
              <Button onClick={() => setOpen(false)}>{ui.common.close}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Modal>
    </>
  );
}
