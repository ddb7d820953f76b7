import type { Rule } from '../rule.js'
import { RuleFailure } from '../rule.js'
import { CODES_BY_STATUS, isJson, isRecord, redactJson, shownUrl } from '../shapes.js'

// Rules over every answer of the run: they come last, and read the log.

function where(entry: { request: { method: string; path: string }; answer: { status: number } }): string {
  return `${entry.request.method} ${entry.request.path} (${entry.answer.status})`
}

export const noStore: Rule = {
  id: 'answers.no-store',
  async run(context) {
    for (const entry of context.log.answers) {
      const cache = entry.answer.headers.get('cache-control') ?? ''
      if (!/(?:^|,)\s*no-store\s*(?:,|$)/i.test(cache)) {
        throw new RuleFailure(`${where(entry)} has Cache-Control ${JSON.stringify(cache || 'none')}, not no-store`)
      }
    }
    return `all ${context.log.answers.length} answers carry Cache-Control: no-store, errors included`
  },
}

export const jsonHeaders: Rule = {
  id: 'answers.json-headers',
  async run(context) {
    const bodies = context.log.answers.filter((entry) => entry.answer.text !== '')
    for (const entry of bodies) {
      const headers = entry.answer.headers
      if (!isJson(entry.answer)) {
        const type = headers.get('content-type') ?? 'none'
        throw new RuleFailure(`${where(entry)} has Content-Type ${JSON.stringify(type)}, not application/json`)
      }
      if (headers.get('x-content-type-options')?.toLowerCase() !== 'nosniff') {
        throw new RuleFailure(`${where(entry)} lacks X-Content-Type-Options: nosniff`)
      }
      if (headers.get('referrer-policy')?.toLowerCase() !== 'no-referrer') {
        throw new RuleFailure(`${where(entry)} lacks Referrer-Policy: no-referrer`)
      }
    }
    return `all ${bodies.length} answers with a body are JSON, with nosniff and no-referrer`
  },
}

/** Every error is a `WireError` whose code its status names, a `429` carries `Retry-After`. */
export const errorCodes: Rule = {
  id: 'errors.codes',
  async run(context) {
    const errors = context.log.answers.filter((entry) => entry.answer.status >= 400 && entry.request.method !== 'HEAD')
    for (const entry of errors) {
      const { status, json, headers } = entry.answer
      const codes = CODES_BY_STATUS[status]
      if (!codes) throw new RuleFailure(`${where(entry)}: the protocol has no such status`)
      if (!isRecord(json) || typeof json.error !== 'string' || typeof json.message !== 'string') {
        throw new RuleFailure(`${where(entry)} is not {"error", "message"}`)
      }
      if (!codes.includes(json.error)) {
        const shown = JSON.stringify(redactJson(json.error, 'error'))
        throw new RuleFailure(`${where(entry)} has "error": ${shown}, expected ${codes.join(' or ')}`)
      }
      const fields = json.fields
      const fieldsOk =
        fields === undefined ||
        (Array.isArray(fields) &&
          fields.every((f) => isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string'))
      if (!fieldsOk) throw new RuleFailure(`${where(entry)} has "fields" that are not [{"path", "message"}]`)
      if (status === 429 && !/^\s*(?:\d+|[A-Za-z]{3}, .+ GMT)\s*$/.test(headers.get('retry-after') ?? '')) {
        throw new RuleFailure(`${where(entry)} has no Retry-After of seconds or an HTTP date`)
      }
    }
    return `${errors.length} error answer(s), each a WireError with its status's code`
  },
}

const KEY_LIKE = [/\b(?:sk|pk|mg|uh|pa)_[A-Za-z0-9_]{6,}/, /\bBearer\s+\S{6,}/i, /x-vital-api-key|x-management-key/i]

/** Every string in a parsed body, joined: what escaping (`https:\/\/…`, `\u0026`) hides from the raw text. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (isRecord(value)) return Object.values(value).flatMap(stringsOf)
  return []
}

export const noSecrets: Rule = {
  id: 'messages.no-secrets',
  async run(context) {
    const errors = context.log.answers.filter(({ answer }) => answer.status >= 400)
    for (const entry of errors) {
      const { answer } = entry
      const text = [answer.text, ...stringsOf(answer.json)].join('\n')
      const at = where(entry)
      const leaked = context.issued.find((url) => url !== '' && text.includes(url))
      if (leaked) throw new RuleFailure(`${at} holds a signed URL handed out earlier`)
      for (const match of text.matchAll(/https?:\/\/[^\s"'<>`]+/gi)) {
        if (/[?#]|token=/i.test(match[0])) {
          throw new RuleFailure(`${at} holds a URL with a query, as signed URLs have: ${shownUrl(match[0])}`)
        }
      }
      if (/\btoken=/i.test(text)) throw new RuleFailure(`${at} holds a "token=" parameter`)
      if (KEY_LIKE.some((pattern) => pattern.test(text))) throw new RuleFailure(`${at} holds what looks like a key`)
    }
    return `${errors.length} error answer(s) hold no signed URL, token or key`
  },
}

export const withinTimeout: Rule = {
  id: 'answers.within-timeout',
  async run(context) {
    const timed = context.log.answers.filter((entry) => !entry.request.chunked?.stall)
    const slowest = timed.reduce<(typeof timed)[number] | undefined>(
      (worst, entry) => (worst === undefined || entry.answer.ms > worst.answer.ms ? entry : worst),
      undefined,
    )
    if (!slowest) return 'no answers'
    const ms = Math.round(slowest.answer.ms)
    const at = `${slowest.request.method} ${slowest.request.path}`
    if (slowest.answer.ms > context.settings.timeoutMs) {
      throw new RuleFailure(`${at} took ${ms} ms, over the client's ${context.settings.timeoutMs} ms`)
    }
    return `the slowest, ${at}, took ${ms} ms of ${context.settings.timeoutMs}`
  },
}
