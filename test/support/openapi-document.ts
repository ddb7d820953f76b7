// openapi.json, read and checked against: the wire protocol that createEmbedHandler serves. The tests of
// test/docs/openapi-*.test.ts validate the handler's answers and the browser client's requests with it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { isRecord } from '../../src/core/untrusted.js'

const root = join(import.meta.dirname, '../..')
/** The document's file name, and its id among Ajv's schemas (`${DOCUMENT_ID}#/…` names a schema in it). */
export const DOCUMENT_ID = 'openapi.json'
const document: unknown = JSON.parse(readFileSync(join(root, DOCUMENT_ID), 'utf8'))

type Rec = Record<string, unknown>

// --- Reading the document -------------------------------------------------------------------------------

const escapeSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')
/** A JSON pointer (as a `$ref` writes it) to the given segments. */
export const pointer = (...segments: string[]) => `#/${segments.map(escapeSegment).join('/')}`

/** The value at a JSON pointer of the document, or undefined. */
export function at(ref: string): unknown {
  let node: unknown = document
  if (ref === '#') return node
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    node = isRecord(node) ? node[key] : Array.isArray(node) ? (node as unknown[])[Number(key)] : undefined
  }
  return node
}

/** Follows `$ref`s from `ref` to the object they name, and returns that object's pointer. */
export function follow(ref: string): string {
  let current = ref
  for (let hops = 0; hops < 10; hops += 1) {
    const node = at(current)
    if (!isRecord(node) || typeof node.$ref !== 'string') return current
    current = node.$ref
  }
  throw new Error(`${ref}: a $ref loop`)
}

/** The object at a JSON pointer of the document; throws when there is none. */
export function objectAt(ref: string): Rec {
  const node = at(ref)
  if (!isRecord(node)) throw new Error(`${ref} is not an object of ${DOCUMENT_ID}`)
  return node
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const
type Method = (typeof METHODS)[number]

/** The path under which the server's routes live (`/api/portals`). */
export const basePath = String(at('#/servers/0/variables/basePath/default'))
/** The path templates of the document, relative to `basePath`. */
export const templates = Object.keys(objectAt('#/paths'))

/** The methods a path of the document serves. */
export const methodsOf = (template: string) =>
  METHODS.filter((method) => isRecord(at(pointer('paths', template, method))))

/** The path template a request path falls under, with its raw (still percent-encoded) parameters. */
function matchPath(pathname: string): { template: string; params: Record<string, string> } | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined
  const rest = pathname.slice(basePath.length)
  for (const template of templates) {
    const names: string[] = []
    const source = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
    const match = new RegExp(`^${source}$`).exec(rest)
    if (match) return { template, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])) }
  }
  return undefined
}

/** Every `METHOD template status` the document lists. */
export function documentedAnswers(): string[] {
  return templates.flatMap((template) =>
    methodsOf(template).flatMap((method) =>
      Object.keys(objectAt(pointer('paths', template, method, 'responses'))).map(
        (status) => `${method.toUpperCase()} ${template} ${status}`,
      ),
    ),
  )
}

// --- Validating with the document's own schemas -----------------------------------------------------------

/** Ajv in strict mode, with the document added as the schema `DOCUMENT_ID`. */
export const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })
addFormats(ajv)
// OpenAPI's annotation for code generators; `oneOf` on `kind` does the validating.
ajv.addKeyword('discriminator')
// The document itself is added as a schema, so that `$ref`s resolve within it: its own members are not keywords.
ajv.addVocabulary(Object.keys(objectAt('#')))
ajv.addSchema(objectAt('#'), DOCUMENT_ID)
const validators = new Map<string, ValidateFunction>()

/** The media type of a `Content-Type` header, lower-case and without parameters; '' without one. */
const mediaType = (headers: Headers) => (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/** `text` parsed as JSON, or undefined when it is not JSON (which parses to no undefined). */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What is wrong with `value` by the schema at `ref` (a pointer into the document), as messages. */
export function schemaProblems(ref: string, value: unknown, what: string): string[] {
  let validate = validators.get(ref)
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${ref}` })
    validators.set(ref, validate)
  }
  return validate(value) ? [] : [`${what}: ${ajv.errorsText(validate.errors, { dataVar: 'value' })} (${ref})`]
}

/** An answer of the server, its body read as text. */
export interface Answer {
  status: number
  headers: Headers
  body: string
}

/** What is wrong with an answer by the response object at `ref`: its headers, media type and body. */
function responseProblems(call: string, ref: string, answer: Answer): string[] {
  const responseRef = follow(ref)
  const response = objectAt(responseRef)
  const problems: string[] = []
  for (const name of Object.keys(isRecord(response.headers) ? response.headers : {})) {
    const headerRef = follow(`${responseRef}/headers/${escapeSegment(name)}`)
    const value = answer.headers.get(name)
    if (value === null) {
      if (objectAt(headerRef).required === true) problems.push(`${call}: no ${name} header`)
    } else {
      problems.push(...schemaProblems(`${headerRef}/schema`, value, `${call}: header ${name}`))
    }
  }
  const content = isRecord(response.content) ? response.content : {}
  const mediaTypes = Object.keys(content)
  if (mediaTypes.length === 0) {
    if (answer.body !== '') problems.push(`${call}: a body, where the document has none`)
    return problems
  }
  const type = mediaType(answer.headers)
  if (!mediaTypes.includes(type)) {
    return [...problems, `${call}: Content-Type "${type}", where the document has ${mediaTypes.join(', ')}`]
  }
  const body = type === 'application/json' ? jsonOf(answer.body) : answer.body
  if (body === undefined) return [...problems, `${call}: a body that is not JSON`]
  problems.push(...schemaProblems(`${responseRef}/content/${escapeSegment(type)}/schema`, body, `${call}: body`))
  return problems
}

/**
 * What is wrong with an answer to `method url` by the document: a status it does not list for that path
 * and method, a missing header, a body its schema refuses. A method the path does not serve must be a
 * 405; a path that is no route, a 404. Adds what the answer proved to `exercised`.
 */
export function answerProblems(method: string, url: string, answer: Answer, exercised?: Set<string>): string[] {
  const { pathname } = new URL(url)
  const status = String(answer.status)
  const call = `${method} ${pathname} answered ${status}`
  const match = matchPath(pathname)
  if (!match) {
    if (status !== '404') return [`${call}: the path is no route of the document, so only 404 is documented`]
    return responseProblems(call, '#/components/responses/NotFound', answer)
  }
  const { template } = match
  const served = methodsOf(template)
  const lower = method.toLowerCase()
  const operation = served.find((m) => m === lower)
  if (!operation) {
    if (status !== '405') return [`${call}: ${template} does not serve ${method}, so only 405 is documented`]
    const missing = served.filter((m) => at(pointer('paths', template, m, 'responses', '405')) === undefined)
    if (missing.length > 0) return [`${call}: ${missing.join(', ')} ${template} does not list 405`]
    for (const m of served) exercised?.add(`${m.toUpperCase()} ${template} 405`)
    return responseProblems(call, pointer('paths', template, served[0] ?? 'get', 'responses', '405'), answer)
  }
  const responseRef = pointer('paths', template, operation, 'responses', status)
  if (at(responseRef) === undefined) return [`${call}: ${method} ${template} does not list ${status}`]
  exercised?.add(`${method} ${template} ${status}`)
  return responseProblems(call, responseRef, answer)
}

/** A request of the client, its body read as text. */
export interface Sent {
  method: string
  url: string
  headers: Headers
  body: string
}

/** The parameters of an operation (its path's, then its own), each as the pointer of its object. */
function parameterRefs(template: string, method: Method): string[] {
  return [pointer('paths', template, 'parameters'), pointer('paths', template, method, 'parameters')].flatMap((ref) => {
    const list = at(ref)
    return Array.isArray(list) ? list.map((_, index) => follow(`${ref}/${index}`)) : []
  })
}

/** What is wrong with a request by the document; `operationId` names the operation it matched. */
export function requestProblems(sent: Sent): { operationId: string | undefined; problems: string[] } {
  const url = new URL(sent.url)
  const call = `${sent.method} ${url.pathname}${url.search}`
  const match = matchPath(url.pathname)
  const method = METHODS.find((m) => m === sent.method.toLowerCase())
  if (!match || !method || !methodsOf(match.template).includes(method)) {
    return { operationId: undefined, problems: [`${call}: no operation of the document`] }
  }
  const operationRef = pointer('paths', match.template, method)
  const operationId = String(objectAt(operationRef).operationId)
  const problems: string[] = []
  const documentedQuery = new Set<string>()
  for (const ref of parameterRefs(match.template, method)) {
    const parameter = objectAt(ref)
    const name = String(parameter.name)
    if (parameter.in === 'path') {
      let value: string
      try {
        value = decodeURIComponent(match.params[name] ?? '')
      } catch {
        problems.push(`${call}: the ${name} in the path is not percent-encoded properly`)
        continue
      }
      problems.push(...schemaProblems(`${ref}/schema`, value, `${call}: path parameter ${name}`))
    } else if (parameter.in === 'query') {
      documentedQuery.add(name)
      const value = url.searchParams.get(name)
      if (value === null) {
        if (parameter.required === true) problems.push(`${call}: no ${name} in the query`)
      } else {
        problems.push(...schemaProblems(`${ref}/schema`, value, `${call}: query parameter ${name}`))
      }
    }
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (!documentedQuery.has(name)) problems.push(`${call}: ${name} is no query parameter of the document`)
  }
  if (at(`${operationRef}/requestBody`) === undefined) {
    if (sent.body !== '') problems.push(`${call}: a body, where the document has none`)
    return { operationId, problems }
  }
  const bodyRef = follow(`${operationRef}/requestBody`)
  const type = mediaType(sent.headers)
  const content = objectAt(`${bodyRef}/content`)
  if (!(type in content)) {
    problems.push(`${call}: Content-Type "${type}", where the document has ${Object.keys(content).join(', ')}`)
  } else {
    const body = jsonOf(sent.body)
    if (body === undefined) return { operationId, problems: [...problems, `${call}: a body that is not JSON`] }
    problems.push(...schemaProblems(`${bodyRef}/content/${escapeSegment(type)}/schema`, body, `${call}: body`))
  }
  return { operationId, problems }
}
