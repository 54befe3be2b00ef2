import type { Locator, Page } from 'playwright-core';
import { tabTo } from './keyboard';

/** The registry clerk's intake screen (page model). */
export class IntakePage {
  constructor(readonly page: Page) {}
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Rejestracja przesyłki wpływającej' });
  }
  inboxButton(fileName: string): Locator {
    return this.page.getByRole('button', { name: `Dołącz do nowego pisma: ${fileName}` });
  }
  get channel(): Locator {
    return this.page.getByLabel('Kanał wpływu');
  }
  get sender(): Locator {
    return this.page.getByRole('combobox', { name: 'Nadawca' });
  }
  get subject(): Locator {
    return this.page.getByLabel('Dotyczy');
  }
  get unit(): Locator {
    return this.page.getByLabel('Przekaż do komórki');
  }
  get registeredNumber(): Locator {
    return this.page.getByTestId('registered-number');
  }
  async focus(target: Locator) {
    await tabTo(this.page, target);
  }
}
