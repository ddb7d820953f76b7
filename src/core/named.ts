/**
 * Sets a component's `displayName` and returns it, as one expression: written
 * `/* @__PURE__ *\/ named(/* @__PURE__ *\/ forwardRef(…), 'Name')`, an unused component is dropped by
 * bundlers (a separate `X.displayName = …` statement is a side effect that keeps it).
 */
export function named<T extends object>(component: T, displayName: string): T {
  ;(component as { displayName?: string }).displayName = displayName
  return component
}
