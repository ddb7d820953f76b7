// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  expiresAtFrom,
  isUsable,
  lifetimeMs,
  refreshDelayMs,
  refreshDueAt,
  refreshMarginMs,
  remainingMs,
  type SignedUrl,
  staleTimeMs,
  usableForMs,
} from './lifecycle.js'

const T0 = 1_700_000_000_000

/** A signed URL received at `T0` that lives `expiresIn` seconds. */
function signed(expiresIn: number, receivedAt = T0): SignedUrl {
  return {
    url: 'https://a.junction.com/x',
    receivedAt,
    expiresAt: expiresAtFrom(receivedAt, expiresIn),
    singleUse: false,
  }
}

describe('expiresAtFrom and lifetimeMs', () => {
  it('adds expires_in seconds to the arrival time', () => {
    expect(expiresAtFrom(T0, 300)).toBe(T0 + 300_000)
    expect(expiresAtFrom(T0, 0)).toBe(T0)
  })

  it('gives the lifetime as received, and 0 for a URL that arrived expired', () => {
    expect(lifetimeMs(signed(300))).toBe(300_000)
    expect(lifetimeMs(signed(-10))).toBe(0)
  })
})

describe('refreshMarginMs', () => {
  it.each([
    [3600, 30_000],
    [300, 30_000],
    [120, 30_000],
    [60, 15_000],
    [20, 5_000],
    [0, 0],
    [-30, 0],
  ])('is min(30 s, lifetime / 4): lifetime %i s gives %i ms', (expiresIn, margin) => {
    expect(refreshMarginMs(signed(expiresIn))).toBe(margin)
  })

  it('uses the configured margin instead of the default', () => {
    expect(refreshMarginMs(signed(300), 90_000)).toBe(90_000)
    expect(refreshMarginMs(signed(300), 1_000)).toBe(1_000)
    expect(refreshMarginMs(signed(300), 0)).toBe(0)
  })

  it('caps the configured margin to the lifetime and never goes below 0', () => {
    expect(refreshMarginMs(signed(60), 120_000)).toBe(60_000)
    expect(refreshMarginMs(signed(300), -5_000)).toBe(0)
    expect(refreshMarginMs(signed(0), 10_000)).toBe(0)
  })
})

describe('refreshDueAt', () => {
  it('is expiresAt minus the margin', () => {
    expect(refreshDueAt(signed(300))).toBe(T0 + 270_000)
    expect(refreshDueAt(signed(60))).toBe(T0 + 45_000)
    expect(refreshDueAt(signed(300), 100_000)).toBe(T0 + 200_000)
    expect(refreshDueAt(signed(0))).toBe(T0)
  })

  it('is never before the arrival of the URL', () => {
    expect(refreshDueAt(signed(30), 60_000)).toBe(T0)
  })
})

describe('staleTimeMs', () => {
  it('lasts until the refresh is due', () => {
    expect(staleTimeMs(signed(300))).toBe(270_000)
    expect(staleTimeMs(signed(60))).toBe(45_000)
    expect(staleTimeMs(signed(300), 290_000)).toBe(10_000)
  })

  it('is never below 5000 ms', () => {
    expect(staleTimeMs(signed(0))).toBe(5_000)
    expect(staleTimeMs(signed(-60))).toBe(5_000)
    expect(staleTimeMs(signed(6))).toBe(5_000)
    expect(staleTimeMs(signed(300), 299_000)).toBe(5_000)
  })

  it('is capped at the longest timer delay', () => {
    expect(staleTimeMs(signed(60 * 60 * 24 * 60))).toBe(2_147_483_647)
  })
})

describe('refreshDelayMs', () => {
  it('waits until the refresh is due', () => {
    expect(refreshDelayMs(signed(300), T0, T0)).toBe(270_000)
    expect(refreshDelayMs(signed(300), T0, T0 + 100_000)).toBe(170_000)
    expect(refreshDelayMs(signed(300), T0, T0, 60_000)).toBe(240_000)
  })

  it('waits 5000 ms after the last attempt for a URL with expires_in 0', () => {
    expect(refreshDelayMs(signed(0), T0, T0)).toBe(5_000)
    expect(refreshDelayMs(signed(0), T0, T0 + 2_000)).toBe(3_000)
  })

  it('waits 5000 ms after the last attempt when the refresh is already overdue', () => {
    expect(refreshDelayMs(signed(300), T0 + 290_000, T0 + 290_000)).toBe(5_000)
    expect(refreshDelayMs(signed(300, T0 - 1_000_000), T0, T0 + 1_000)).toBe(4_000)
  })

  it('looks again every 5000 ms once overdue (a hidden tab), instead of spinning', () => {
    expect(refreshDelayMs(signed(0), T0, T0 + 4_999)).toBe(1)
    expect(refreshDelayMs(signed(0), T0, T0 + 5_000)).toBe(5_000)
    expect(refreshDelayMs(signed(0), T0, T0 + 60_000)).toBe(5_000)
  })

  it('caps a weeks-long communications link at 2147483647 ms', () => {
    const fourWeeks = 60 * 60 * 24 * 28
    expect(refreshDelayMs(signed(fourWeeks), T0, T0)).toBe(2_147_483_647)
    expect(refreshDelayMs(signed(fourWeeks), T0, T0 + 1_000_000_000)).toBe(fourWeeks * 1000 - 30_000 - 1_000_000_000)
  })
})

describe('isUsable and remainingMs', () => {
  const url = signed(60)

  it('counts the milliseconds left, negative once expired', () => {
    expect(remainingMs(url, T0)).toBe(60_000)
    expect(remainingMs(url, T0 + 70_000)).toBe(-10_000)
  })

  it('is usable with exactly 10000 ms left', () => {
    expect(isUsable(url, T0 + 50_000)).toBe(true)
  })

  it('is not usable with 9999 ms left', () => {
    expect(isUsable(url, T0 + 50_001)).toBe(false)
  })

  it('is not usable when absent or expired', () => {
    expect(isUsable(undefined, T0)).toBe(false)
    expect(isUsable(url, T0 + 60_000)).toBe(false)
    expect(isUsable(signed(0), T0)).toBe(false)
  })

  it('honours a custom minimum', () => {
    expect(isUsable(url, T0 + 59_000, 1_000)).toBe(true)
    expect(isUsable(url, T0 + 59_001, 1_000)).toBe(false)
  })
})

describe('usableForMs', () => {
  const url = signed(60)

  it('reaches the first unusable millisecond: 50001 ms after arrival for 60 s with 10 s required', () => {
    expect(usableForMs(url, T0)).toBe(50_001)
    expect(isUsable(url, T0 + 50_000)).toBe(true)
    expect(isUsable(url, T0 + 50_001)).toBe(false)
    expect(usableForMs(url, T0 + 50_000)).toBe(1)
  })

  it('is 0 once the URL is not usable', () => {
    expect(usableForMs(url, T0 + 50_001)).toBe(0)
    expect(usableForMs(url, T0 + 90_000)).toBe(0)
  })

  it('honours a custom minimum, and never exceeds what a timer can wait', () => {
    expect(usableForMs(url, T0, 1_000)).toBe(59_001)
    expect(usableForMs(signed(10 ** 9), T0)).toBe(2_147_483_647)
  })
})
