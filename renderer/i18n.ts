export { ui } from '#core/i18n/ui.pl';
export { channelLabels, roleLabels, partyKindLabels } from '#core/i18n/labels.pl';
