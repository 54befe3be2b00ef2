/**
 * The commands defined on the engine, by their wire name. The server applies a pushed command
 * through this map and nothing else; the workstation runs the same definitions.
 */
import type { AnyCommand } from '#core/commands/engine';
import { attachScans, cancelIncoming, correctIncoming, createParty, registerIncoming } from '#core/commands/intake';
import { assignItem, forwardItem, returnItem } from '#core/commands/routing';
import { cancelSubstitution, createSubstitution } from '#core/commands/substitutions';
import { caseAction, changeCaseOwner, linkItem, openCase } from '#core/commands/cases';
import { addCaseDocument, addCaseNote, addCaseParty, removeCaseParty, requestOpinion } from '#core/commands/caseWork';
import { recordExport, registerOutgoing, sendDispatchItem } from '#core/commands/dispatch';
import { recordDelivery } from '#core/commands/delivery';
import { issueFinalityClause, markAppeal } from '#core/commands/appeals';
import { saveTemplate, updateSettings } from '#core/commands/admin';
import { addPerson, addUnit, changePerson, changeUnit } from '#core/commands/directory';
import { saveJrwaClass } from '#core/commands/jrwa';
import { createDecision, numberDecision, reviewDecision, saveDecision, signDecision, submitDecision } from '#core/commands/decisions';

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
  changeCaseOwner,
  addCaseNote,
  addCaseParty,
  removeCaseParty,
  addCaseDocument,
  requestOpinion,
  createDecision,
  saveDecision,
  submitDecision,
  reviewDecision,
  signDecision,
  registerOutgoing,
  recordDelivery,
  markAppeal,
  issueFinalityClause,
  sendDispatchItem,
  recordExport,
  updateSettings,
  saveTemplate,
  addUnit,
  changeUnit,
  addPerson,
  changePerson,
  saveJrwaClass,
} as const satisfies Record<string, AnyCommand>;

export type EngineCommandName = keyof typeof engineCommands;

export function isEngineCommand(name: string): name is EngineCommandName {
  return Object.hasOwn(engineCommands, name);
}

/**
 * Commands the server runs on request rather than from a push: numbering a decision before it
 * is printed (`POST /decisions/:id/number`); a workstation without a server runs it itself.
 */
export const requestedCommands = { numberDecision } as const satisfies Record<string, AnyCommand>;
