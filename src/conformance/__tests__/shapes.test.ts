import { describe, expect, it } from 'vitest'
import type { Answer } from '../probe.js'
import { describe as describeAnswer, redact, redactJson, shownUrl } from '../shapes.js'

function answer(text: string, type = 'application/json'): Answer {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: 403, headers: new Headers({ 'content-type': type }), text, json, ms: 1 }
}

describe('what the conformance report shows of an answer', () => {
  it('shows an origin as an origin, and marks a cut path, query or fragment with /…', () => {
    expect(shownUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787')
    expect(shownUrl('https://app.example.com/')).toBe('https://app.example.com')
    expect(shownUrl('https://portal.example.com/p?token=s3cr3t')).toBe('https://portal.example.com/…')
    expect(shownUrl('https://portal.example.com#at')).toBe('https://portal.example.com/…')
  })

  it('keeps the punctuation after an origin in a sentence, with no /… before it', () => {
    const message = 'its Origin "https://proxy.example.com" is neither this server\'s origin (http://127.0.0.1:8787).'
    expect(redact(message, 300)).toBe(message)
  })

  it('cuts URLs whose slashes are JSON-escaped in raw text', () => {
    expect(redact('see https:\\/\\/portal.example.com\\/p?token=s3cr3t now')).toBe(
      'see https://portal.example.com/… now',
    )
  })

  it('hides every value of a parsed body but the protocol’s own words', () => {
    expect(
      redactJson({
        demographics: { first_name: 'Ada', dob: '1985-12-10', address: { zip: '94105' } },
        missing: ['dob'],
        url: 'https://portal.example.com/p?token=s3cr3t',
        expires_in: 300,
      }),
    ).toEqual({
      demographics: { first_name: '…', dob: '…', address: { zip: '…' } },
      missing: ['dob'],
      url: 'https://portal.example.com/…',
      expires_in: 300,
    })
  })

  it('describes a JSON answer from its parsed body, so escaping hides nothing', () => {
    const shown = describeAnswer(
      answer('{"error":"forbidden","message":"See https:\\/\\/p.example.com\\/x?token=s3cr3t"}'),
    )
    expect(shown).toBe(
      '403 application/json "{\\"error\\":\\"forbidden\\",\\"message\\":\\"See https://p.example.com/…\\"}"',
    )
    expect(describeAnswer(answer('<p>https://p.example.com/x?token=s3cr3t</p>', 'text/html'))).toBe(
      '403 text/html "<p>https://p.example.com/…</p>"',
    )
  })
})
