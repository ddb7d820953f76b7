import type { FrameLocator, Page } from 'playwright-core'

/** Fills the default demographics form with a complete, valid patient (Grace Hopper), as a user types it. */
export async function fillDemographicsForm(page: Page | FrameLocator): Promise<void> {
  const fill = (label: RegExp, value: string) => page.getByLabel(label).fill(value)
  await fill(/^First name/, 'Grace')
  await fill(/^Last name/, 'Hopper')
  await fill(/^Email/, 'grace@example.com')
  await fill(/^Phone number/, '+1 212 555 0199')
  await page.getByLabel(/^Sex/).selectOption('female')
  await fill(/^Date of birth/, '1906-12-09')
  await fill(/^Address line 1/, '1 Navy Yard')
  await fill(/^City/, 'Arlington')
  await fill(/^State/, 'VA')
  await fill(/^ZIP/, '22202')
  await fill(/^Country/, 'US')
}
