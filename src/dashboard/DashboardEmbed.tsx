import { forwardRef, type Ref, useMemo } from 'react'
import { useEmbedContext } from '../provider/context.js'
import { useSameContent } from '../signedUrl/useSameContent.js'
import { type DashboardEmbedHandle, DashboardFrame } from './DashboardFrame.js'
import { DashboardLinkOut } from './DashboardLinkOut.js'
import { DEFAULT_DASHBOARD_MESSAGES } from './messages.js'
import { resolveDashboard, sourceOf } from './resolve.js'
import type { DashboardEmbedProps } from './types.js'

export type { DashboardEmbedHandle } from './DashboardFrame.js'
export {
  DEFAULT_DASHBOARD_ALLOW,
  DEFAULT_DASHBOARD_HEIGHT,
  DEFAULT_DASHBOARD_SANDBOX,
  DEFAULT_LOAD_TIMEOUT_MS,
} from './defaults.js'

/**
 * The Junction Dashboard (Connect): `feature_embed` frames it here, `link_out` is a button that opens it
 * in a new tab, popup-safe. The frame loads with a fresh URL, never reloads on a background refresh,
 * listens only to its own window at the signed URL's origin, and explains itself when it cannot load.
 * A ref gives `reload()`. `data-state` on the root tells its state.
 */
export const DashboardEmbed = forwardRef(function DashboardEmbed(
  props: DashboardEmbedProps,
  ref: Ref<DashboardEmbedHandle>,
) {
  const { config } = useEmbedContext('DashboardEmbed')
  // One resolution per content of the props it reads: an inline target each render changes nothing.
  const source = useSameContent(sourceOf(props))
  const resolved = useMemo(() => resolveDashboard(source, config), [source, config])
  const view = { props, ...resolved, messages: { ...DEFAULT_DASHBOARD_MESSAGES, ...props.messages } }
  return props.modality === 'link_out' ? <DashboardLinkOut {...view} /> : <DashboardFrame {...view} handle={ref} />
})
if (process.env.NODE_ENV !== 'production') DashboardEmbed.displayName = 'DashboardEmbed'
