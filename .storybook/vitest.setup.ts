import { afterEach, beforeAll } from 'vitest'
import { commands } from 'vitest/browser'

// Storybook's preview annotations (.storybook/preview.tsx and the addons') are applied by @storybook/addon-vitest
// itself. This file adds what the Chromium tests need: the landing origin of signed URLs, answered by Playwright,
// and no tab left open after a story.
beforeAll(async () => {
  await commands.serveLanding()
})
afterEach(async () => {
  await commands.closeOpenedTabs()
})
