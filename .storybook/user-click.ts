import { userEvent } from 'storybook/test'

/**
 * Clicks as the user would. In Storybook the click is a synthetic event, which the browser lets open
 * a tab only if the viewer clicked something in the last few seconds. Under Vitest this module is
 * replaced by `user-click.vitest.ts`, whose click comes from Playwright and always counts as the user's.
 */
export async function userClick(element: Element): Promise<void> {
  await userEvent.click(element)
}
