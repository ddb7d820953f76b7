export { chromiumLaunchOptions, chromiumPath } from '../../scripts/chromium.mjs'
