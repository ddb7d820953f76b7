import type { EmbedError } from '../core/errors.js'

/**
 * Where an embedded dashboard frame is; `kind` is the root's `data-state`. `loading` without `src` waits
 * for a URL, with it the frame loads. A restart leaves the frame for a new one, so a stale frame's `load`
 * or a cleared timer can never reach the next attempt.
 */
export type FramePhase =
  | { kind: 'idle' }
  | { kind: 'loading'; src?: string }
  | { kind: 'ready'; src: string }
  | { kind: 'error'; error: EmbedError; timedOut: boolean }

export type FrameEvent =
  /** The frame is wanted now (near the viewport in lazy mode). */
  | { type: 'wanted' }
  /** A URL to load, checked and ready. */
  | { type: 'url'; src: string }
  /** The frame's `load` event. */
  | { type: 'load' }
  /** No URL could be had, or (once framing) the load timeout fired. */
  | { type: 'fail'; error: EmbedError }
  /** Retry or `reload()`: always a fresh URL, whatever the state. */
  | { type: 'restart' }

/**
 * The embed's state machine. A frame's `src` is set once per attempt and only changed by a restart, so
 * nothing in the background (a refreshed URL, a re-render) can reload the page under the user.
 */
export function frameReducer(phase: FramePhase, event: FrameEvent): FramePhase {
  switch (event.type) {
    case 'wanted':
      return phase.kind === 'idle' ? { kind: 'loading' } : phase
    case 'restart':
      return phase.kind === 'idle' ? phase : { kind: 'loading' }
    case 'url':
      return phase.kind === 'loading' ? { kind: 'loading', src: event.src } : phase
    case 'load':
      return phase.kind === 'loading' && phase.src ? { kind: 'ready', src: phase.src } : phase
    case 'fail':
      return phase.kind === 'loading' ? { kind: 'error', error: event.error, timedOut: !!phase.src } : phase
  }
}
