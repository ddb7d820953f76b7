import {
  Children,
  cloneElement,
  forwardRef,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  useMemo,
} from 'react'

type AnyProps = Record<string, unknown>

/** One ref callback that hands the node to every ref given. */
export function composeRefs<T>(...refs: (Ref<T> | undefined)[]): (node: T | null) => void {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node)
      else if (ref) (ref as { current: T | null }).current = node
    }
  }
}

function mergeProps(slot: AnyProps, child: AnyProps): AnyProps {
  const merged: AnyProps = { ...slot, ...child }
  for (const key of Object.keys(slot)) {
    const ours = slot[key]
    const theirs = child[key]
    if (/^on[A-Z]/.test(key) && typeof ours === 'function' && typeof theirs === 'function') {
      merged[key] = (...args: unknown[]) => {
        ;(theirs as (...a: unknown[]) => void)(...args)
        ;(ours as (...a: unknown[]) => void)(...args)
      }
    } else if (key === 'style' && typeof ours === 'object' && typeof theirs === 'object') {
      merged[key] = { ...(ours as object), ...(theirs as object) }
    } else if (key === 'className' && typeof ours === 'string' && typeof theirs === 'string') {
      merged[key] = `${ours} ${theirs}`
    }
  }
  return merged
}

/** Renders its only child with these props merged in: handlers composed, styles and class names joined, refs shared. */
export const Slot = forwardRef<HTMLElement, HTMLAttributes<HTMLElement> & { children?: ReactNode }>(function Slot(
  { children, ...props },
  forwardedRef,
) {
  const child = Children.only(children)
  const element = isValidElement(child) ? (child as ReactElement<AnyProps> & { ref?: Ref<HTMLElement> }) : null
  const childRef = element ? ((element.props.ref as Ref<HTMLElement> | undefined) ?? element.ref) : undefined
  // The same callback while the refs stay the same: React would otherwise detach and attach it each render.
  const ref = useMemo(() => composeRefs(forwardedRef, childRef), [forwardedRef, childRef])
  if (!element) return null
  return cloneElement(element, { ...mergeProps(props as AnyProps, element.props), ref })
})
