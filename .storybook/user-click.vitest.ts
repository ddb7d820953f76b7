import { userEvent } from 'vitest/browser'

/** `userClick` under Vitest: a real click through Playwright, so the popup blocker lets it open a tab. */
export async function userClick(element: Element): Promise<void> {
  await userEvent.click(element)
}
