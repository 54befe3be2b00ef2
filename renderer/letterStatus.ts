import type { IncomingDetail } from '#core/contract';
import { ui } from './i18n';

/**
 * Where a letter stands, as the registry and a head are asked it: cancelled, filed in a case,
 * with someone, or waiting for dekretacja. The letter window and the register say it alike.
 */
/** `short`: for a grid column, where 'zarejestrowana,' goes without saying. */
export function letterStatus(d: Pick<IncomingDetail, 'status' | 'whereabouts'> & { direction?: 'in' | 'out'; cancelReason?: string | null }, o: { short?: boolean } = {}): string {
  if (d.status === 'cancelled') return d.cancelReason ? `${ui.letter.statusCancelled}: ${d.cancelReason}` : ui.letter.statusCancelled;
  if (d.direction === 'out') return ui.letter.statusRegistered;
  if (d.whereabouts.caseLabel) return ui.letter.statusInCase(d.whereabouts.caseLabel);
  if (d.whereabouts.assignees.length > 0) return ui.letter.statusAssigned(d.whereabouts.assignees.join(', '));
  return o.short ? ui.letter.statusWaitingShort : ui.letter.statusWaiting;
}
