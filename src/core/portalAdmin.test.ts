import { describe, expect, it } from 'vitest'
import { isInviteEmail, toPortalDomain } from './portalAdmin.js'

describe('isInviteEmail', () => {
  it.each([
    'ada@example.com',
    'ada.lovelace+portal@mail.example.co.uk',
    "o'brien@example.ie",
    'jürgen@bücher.de',
    'user@example.xn--p1ai',
    `${'a'.repeat(64)}@example.com`,
  ])('accepts %s', (address) => {
    expect(isInviteEmail(address)).toBe(true)
  })

  it.each([
    ['two dots in the domain', 'a@b..com'],
    ['a dot first in the local part', '.a@b.com'],
    ['a dot last in the local part', 'a.@b.com'],
    ['two dots in the local part', 'a..b@c.com'],
    ['a dot first in the domain', 'a@.b.com'],
    ['a control character', 'a\u0000b@x.com'],
    ['a zero-width space', 'ada@example.com\u200b'],
    ['a space', 'ada lovelace@example.com'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.com`],
    ['over 254 characters', `a@${'b'.repeat(250)}.com`],
    ['no domain', 'ada@'],
    ['no local part', '@example.com'],
    ['a single-label domain', 'ada@localhost'],
    ['an IP address', 'ada@127.0.0.1'],
    ['two @', 'a@b@example.com'],
    ['a hyphen at the end of a label', 'ada@example-.com'],
  ])('refuses %s', (_why, address) => {
    expect(isInviteEmail(address)).toBe(false)
  })
})

describe('toPortalDomain', () => {
  it.each([
    ['portal.example.com', 'portal.example.com'],
    ['Portal.Example.COM', 'portal.example.com'],
    ['portal.example.xn--p1ai', 'portal.example.xn--p1ai'],
    ['portal.bücher.de', 'portal.xn--bcher-kva.de'],
  ])('keeps %s as %s', (given, sent) => {
    expect(toPortalDomain(given)).toBe(sent)
  })

  it.each([
    'https://portal.example.com',
    'portal.example.com/',
    'portal.example.com:8443',
    'portal.example.com.',
    'localhost',
    '10.0.0.1',
    'portal..example.com',
    '-portal.example.com',
    'portal example.com',
    '',
    `${'a'.repeat(64)}.example.com`,
  ])('refuses %j', (given) => {
    expect(toPortalDomain(given)).toBeNull()
  })
})
