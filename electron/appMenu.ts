/**
 * The application menu, in Polish.
 *
 * Standard roles keep the platform's accelerators (Ctrl+C, Ctrl+Z, Ctrl+Plus …); only the
 * labels are ours. Developer tools appear only in an unpackaged (developer's) build.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export type AppMenuOptions = {
  isPackaged: boolean;
  onAbout: () => void;
};

/** Builds the menu bar: Plik, Edycja, Widok, Pomoc. */
export function buildAppMenu(opts: AppMenuOptions) {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: 'Przeładuj' },
    { type: 'separator' },
    { role: 'zoomIn', label: 'Powiększ' },
    { role: 'zoomOut', label: 'Pomniejsz' },
    { role: 'resetZoom', label: 'Rozmiar rzeczywisty' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Pełny ekran' },
  ];
  if (!opts.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: 'Narzędzia deweloperskie' });

  const template: MenuItemConstructorOptions[] = [
    { label: '&Plik', submenu: [{ role: 'quit', label: 'Zakończ' }] },
    {
      label: '&Edycja',
      submenu: [
        { role: 'undo', label: 'Cofnij' },
        { role: 'redo', label: 'Ponów' },
        { type: 'separator' },
        { role: 'cut', label: 'Wytnij' },
        { role: 'copy', label: 'Kopiuj' },
        { role: 'paste', label: 'Wklej' },
        { role: 'delete', label: 'Usuń' },
        { type: 'separator' },
        { role: 'selectAll', label: 'Zaznacz wszystko' },
      ],
    },
    { label: '&Widok', submenu: view },
    { label: 'Pomo&c', submenu: [{ label: 'O programie', click: () => opts.onAbout() }] },
  ];
  return Menu.buildFromTemplate(template);
}
