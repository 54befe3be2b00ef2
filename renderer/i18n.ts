export { ui } from '#core/i18n/ui.pl';
export { channelLabels, roleLabels, partyKindLabels, outgoingChannelLabels, letterChannelLabel, casePartyRoleLabels } from '#core/i18n/labels.pl';
