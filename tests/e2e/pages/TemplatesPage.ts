import type { Locator, Page } from 'playwright-core';

/** Administracja → Szablony pism (page model). */
export class TemplatesPage {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.getByRole('button', { name: 'Administracja' }).click();
    await this.page.getByRole('tab', { name: 'Szablony pism' }).click();
    await this.page.getByRole('heading', { name: 'Szablony pism', level: 2 }).waitFor();
  }
  template(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Szablony' }).getByRole('button', { name: new RegExp(`^${name}`) });
  }
  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 3 });
  }
  field(label: 'Treść' | 'Tytuł' | 'Podpis'): Locator {
    return this.page.getByRole('textbox', { name: new RegExp(`^${label}`) });
  }
  /** The button in the side list that inserts `{{name}}` at the cursor. */
  placeholder(name: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^Wstaw \\{\\{${name}\\}\\}`) });
  }
  get preview(): Locator {
    return this.page.getByRole('button', { name: 'Podgląd PDF' });
  }
  get save(): Locator {
    return this.page.getByRole('button', { name: /^Zapisz/ });
  }
  get message(): Locator {
    return this.page.locator('.fui-MessageBar');
  }
  get history(): Locator {
    return this.page.getByRole('table', { name: 'Historia wersji' });
  }
}
