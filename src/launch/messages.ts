/** Every text the launch button shows or announces; override any of them (i18n). */
export interface LaunchMessages {
  /** Button text for `action="open"`. */
  open: string
  /** Button text for `action="copy"`. */
  copy: string
  /** Placeholder tab title and text, and the busy announcement. */
  opening: string
  /** Announced politely after a copy. */
  copied: string
  /** Text of the fallback link when the browser blocked the tab. */
  blockedLink: string
  /** Explains the fallback link. */
  blockedHint: string
  /** Label of the field showing the link when the clipboard refused it. */
  copyManually: string
  /** Label of the field showing the portal's link when even the fallback link could open no tab. */
  blockedCopy: string
  /** Retry button after an error. */
  retry: string
  /** Shown when the patient's demographics are missing and no `<DemographicsGate>` takes over. */
  demographicsRequired: string
}

export const DEFAULT_LAUNCH_MESSAGES: LaunchMessages = {
  open: 'Open portal',
  copy: 'Copy portal link',
  opening: 'Opening…',
  copied: 'Link copied',
  blockedLink: 'Open portal',
  blockedHint: 'Your browser blocked the new tab.',
  copyManually: 'Copy this link',
  blockedCopy: 'Your browser cannot open the portal from this page. Copy its link into a new tab:',
  retry: 'Try again',
  demographicsRequired: 'The patient’s details must be completed before the portal can open.',
}
