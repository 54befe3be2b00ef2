import type { MethodName } from '#core/contract';
import type { Handler } from '#core/services/handlers';
import { sessionHandlers } from '#core/session/handlers';
import { localAccountHandlers } from '#core/session/localAccounts';
import { partiesHandlers } from '#core/parties/handlers';
import { scansHandlers } from '#core/scans/handlers';
import { intakeHandlers } from '#core/intake/handlers';
import { registerHandlers } from '#core/register/handlers';
import { documentHandlers } from '#core/documents/handlers';
import { adminHandlers } from '#core/admin/handlers';
import { directoryHandlers } from '#core/admin/directoryHandlers';
import { backupHandlers } from '#core/admin/backupHandlers';
import { caseHandlers } from '#core/cases/handlers';
import { inboxHandlers } from '#core/cases/inboxHandlers';
import { routingHandlers } from '#core/cases/routingHandlers';
import { substitutionHandlers } from '#core/cases/substitutionHandlers';
import { metrykaHandlers } from '#core/cases/metrykaHandlers';
import { searchHandlers } from '#core/search/handlers';
import { dispatchHandlers } from '#core/dispatch/handlers';
import { decisionHandlers } from '#core/decisions/handlers';
import { finalityHandlers } from '#core/decisions/finalityHandlers';
import { decisionSigningHandlers } from '#core/decisions/signing';
import { syncHandlers } from '#core/sync/handlers';
import { templateHandlers } from '#core/decisions/templateHandlers';

/**
 * Every domain's handlers merged into one map. `satisfies` makes the compiler refuse a contract
 * method without a handler, and a handler whose types drift from its contract entry.
 */
export const allHandlers = {
  ...sessionHandlers,
  ...localAccountHandlers,
  ...partiesHandlers,
  ...scansHandlers,
  ...intakeHandlers,
  ...registerHandlers,
  ...documentHandlers,
  ...adminHandlers,
  ...directoryHandlers,
  ...backupHandlers,
  ...caseHandlers,
  ...inboxHandlers,
  ...routingHandlers,
  ...substitutionHandlers,
  ...metrykaHandlers,
  ...searchHandlers,
  ...dispatchHandlers,
  ...decisionHandlers,
  ...finalityHandlers,
  ...decisionSigningHandlers,
  ...syncHandlers,
  ...templateHandlers,
} satisfies { [M in MethodName]: Handler<M> };
