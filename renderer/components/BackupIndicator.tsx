import { Badge, makeStyles, Tooltip } from '@fluentui/react-components';
import type { User } from '#core/contract';
import { useApi } from '../api/query';
import { ui } from '../i18n';
import { plDateTime } from '../format';

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap', flexShrink: 0 } });

/**
 * The age of the last good copy — the workstation's own, or with a central server the server's:
 * the administrator always sees it; everyone is told when two office days passed without one
 * (someone tells IT).
 */
export function BackupIndicator({ user }: { user: User }) {
  const s = useStyles();
  const status = useApi('backup.status', {}).data;
  if (!status) return null;
  const admin = user.role === 'admin';
  if (!status.overdue && !admin) return null;
  const text = status.daysSinceGood === null ? ui.backup.never : ui.backup.age(status.daysSinceGood);
  const words = status.kind === 'server' ? { ...ui.backup, ...ui.backup.server } : ui.backup;
  const details = [
    status.lastGoodAt ? words.lastGood(plDateTime(status.lastGoodAt)) : words.none,
    status.problem ? ui.backup.problem(status.problem) : null,
    admin && status.folder ? words.folder(status.folder) : null,
    admin && !status.phraseShown ? words.phraseNotShown : null,
    status.overdue && !admin ? ui.backup.tellIt : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Tooltip content={details} relationship="description">
      <Badge className={s.badge} color={status.overdue || status.problem || (admin && !status.phraseShown) ? 'danger' : status.lastGoodAt === null ? 'informative' : 'success'} tabIndex={0} role="status">
        {text}
      </Badge>
    </Tooltip>
  );
}
