/**
 * The preload of the shell's PIN and password window (secretPromptPage.ts): the page itself
 * has no script, so this reads the field and sends its value, or a cancel, on one channel.
 * Nothing is exposed to the page.
 */
import { ipcRenderer } from 'electron';

window.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('secret');
  const field = document.getElementById('value');
  const cancel = document.getElementById('cancel');
  if (!(form instanceof HTMLFormElement) || !(field instanceof HTMLInputElement)) return;
  form.addEventListener('submit', (event) => {
    // No navigation: the value goes to the main process, and the window closes.
    event.preventDefault();
    if (field.value === '') return;
    ipcRenderer.send('kancelaria:secret', field.value);
    field.value = '';
  });
  cancel?.addEventListener('click', () => ipcRenderer.send('kancelaria:secret', null));
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') ipcRenderer.send('kancelaria:secret', null);
  });
  field.focus();
});
