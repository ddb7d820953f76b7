import type { EmbedError } from '../core/errors.js'

/** Where an embedded dashboard frame is. `attempt` grows with every retry or reload. */
export type FramePhase =
  | { kind: 'waiting'; attempt: number }
  | { kind: 'fetching'; attempt: number }
  | { kind: 'loading'; attempt: number; src: string; origin: string }
  | { kind: 'loaded'; attempt: number; src: string; origin: string }
  | { kind: 'failed'; attempt: number; error: EmbedError; reason: 'url' | 'timeout' }

export type FrameEvent =
  /** The frame is wanted now (at mount, or near the viewport in lazy mode). */
  | { type: 'wanted' }
  /** A URL to load, checked and ready. */
  | { type: 'url'; src: string; origin: string }
  | { type: 'url-failed'; error: EmbedError }
  /** The frame's `load` event, for this attempt. */
  | { type: 'load'; attempt: number }
  /** The load timeout fired, for this attempt. */
  | { type: 'timeout'; attempt: number; error: EmbedError }
  /** Retry or `reload()`: always a fresh URL, whatever the state. */
  | { type: 'restart' }

export function initialFramePhase(wanted: boolean): FramePhase {
  return wanted ? { kind: 'fetching', attempt: 0 } : { kind: 'waiting', attempt: 0 }
}

/**
 * The embed's state machine. A frame's `src` is set once per attempt and only changed by a restart, so
 * nothing in the background (a refreshed URL, a re-render) can reload the page under the user.
 */
export function frameReducer(phase: FramePhase, event: FrameEvent): FramePhase {
  switch (event.type) {
    case 'wanted':
      return phase.kind === 'waiting' ? { kind: 'fetching', attempt: phase.attempt } : phase
    case 'url':
      return phase.kind === 'fetching'
        ? { kind: 'loading', attempt: phase.attempt, src: event.src, origin: event.origin }
        : phase
    case 'url-failed':
      return phase.kind === 'fetching'
        ? { kind: 'failed', attempt: phase.attempt, error: event.error, reason: 'url' }
        : phase
    case 'load':
      return phase.kind === 'loading' && phase.attempt === event.attempt ? { ...phase, kind: 'loaded' } : phase
    case 'timeout':
      return phase.kind === 'loading' && phase.attempt === event.attempt
        ? { kind: 'failed', attempt: phase.attempt, error: event.error, reason: 'timeout' }
        : phase
    case 'restart':
      return phase.kind === 'waiting' ? phase : { kind: 'fetching', attempt: phase.attempt + 1 }
  }
}

/** The `data-state` of the embed's root. */
export function frameState(phase: FramePhase): 'idle' | 'loading' | 'ready' | 'error' | 'demographics-required' {
  switch (phase.kind) {
    case 'waiting':
      return 'idle'
    case 'fetching':
    case 'loading':
      return 'loading'
    case 'loaded':
      return 'ready'
    case 'failed':
      return phase.error.code === 'demographics_required' ? 'demographics-required' : 'error'
  }
}
