/**
 * Names the shell and the installer must agree on.
 *
 * The Windows AppUserModelID ties the running window to the Start-menu shortcut the installer
 * creates (taskbar pinning, notifications); if the two differ, Windows shows two icons.
 */
export const APP_ID = 'pl.kancelaria.ezd';
export const PRODUCT_NAME = 'Kancelaria';
