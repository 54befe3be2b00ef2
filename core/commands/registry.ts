/**
 * The commands defined on the engine, by their wire name. The server applies a pushed command
 * through this map and nothing else; the workstation runs the same definitions.
 */
import type { AnyCommand } from '#core/commands/engine';
import { attachScans, cancelIncoming, correctIncoming, createParty, registerIncoming } from '#core/commands/intake';
import { assignItem, forwardItem, returnItem } from '#core/commands/routing';
import { cancelSubstitution, createSubstitution } from '#core/commands/substitutions';
import { caseAction, linkItem, openCase } from '#core/commands/cases';

export const engineCommands = {
  createParty,
  registerIncoming,
  attachScans,
  correctIncoming,
  cancelIncoming,
  assignItem,
  forwardItem,
  returnItem,
  createSubstitution,
  cancelSubstitution,
  openCase,
  linkItem,
  caseAction,
} as const satisfies Record<string, AnyCommand>;

export type EngineCommandName = keyof typeof engineCommands;

export function isEngineCommand(name: string): name is EngineCommandName {
  return Object.hasOwn(engineCommands, name);
}
