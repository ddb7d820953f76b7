// Type tests of `EmbedError`, checked by `npm run typecheck` (never run by Vitest).
import { expectTypeOf } from 'vitest'
import { EmbedError, type EmbedErrorCode, type EmbedFieldError, isEmbedError } from '../../index.js'
import type { EmbedError as ServerEmbedError, EmbedErrorCode as ServerEmbedErrorCode } from '../../server/index.js'

declare const error: EmbedError

// --- code ------------------------------------------------------------------------------------------------

// Exactly the twelve codes: the wire protocol and the client share them, so none may be added silently.
expectTypeOf<EmbedErrorCode>().toEqualTypeOf<
  | 'demographics_required'
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'network'
  | 'timeout'
  | 'unsafe_url'
  | 'invalid_response'
  | 'popup_blocked'
>()
expectTypeOf(error.code).toEqualTypeOf<EmbedErrorCode>()
expectTypeOf<'server_error'>().not.toExtend<EmbedErrorCode>()
expectTypeOf<string>().not.toExtend<EmbedErrorCode>()
// The server entry re-exports the same class and union.
expectTypeOf<ServerEmbedErrorCode>().toEqualTypeOf<EmbedErrorCode>()
expectTypeOf<ServerEmbedError>().toEqualTypeOf<EmbedError>()

// --- The other fields ------------------------------------------------------------------------------------

expectTypeOf<EmbedError>().toExtend<Error>()
expectTypeOf<EmbedError['name']>().toEqualTypeOf<'EmbedError'>()
expectTypeOf(error.message).toEqualTypeOf<string>()
expectTypeOf(error.status).toEqualTypeOf<number | undefined>()
expectTypeOf(error.fields).toEqualTypeOf<readonly EmbedFieldError[] | undefined>()
expectTypeOf(error.missing).toEqualTypeOf<readonly string[] | undefined>()
expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>()
expectTypeOf<EmbedFieldError>().toEqualTypeOf<{ path: string; message: string }>()

// Read-only: an error is branched on, never changed.
// @ts-expect-error `code` is read-only
error.code = 'network'
// @ts-expect-error `status` is read-only
error.status = 500
// @ts-expect-error `fields` is a read-only list
error.fields?.push({ path: 'address.zip', message: 'is required' })
// @ts-expect-error `missing` is a read-only list
error.missing?.push('dob')

// Narrowing on `code` is exhaustive over the twelve codes.
function label(code: EmbedErrorCode): string {
  switch (code) {
    case 'demographics_required':
    case 'validation_error':
    case 'unauthorized':
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
    case 'upstream_unavailable':
    case 'network':
    case 'timeout':
    case 'unsafe_url':
    case 'invalid_response':
    case 'popup_blocked':
      return code
    default:
      return code satisfies never
  }
}
expectTypeOf(label).returns.toEqualTypeOf<string>()

// --- Construction and the guard --------------------------------------------------------------------------

expectTypeOf(EmbedError).toBeConstructibleWith('network')
expectTypeOf(EmbedError).toBeConstructibleWith('rate_limited', 'Slow down', { status: 429, retryAfterMs: 2000 })
expectTypeOf(EmbedError).toBeConstructibleWith('validation_error', undefined, {
  fields: [{ path: 'address.zip', message: 'is required' }],
  missing: ['dob'],
  cause: new Error('cause'),
})
// @ts-expect-error an unknown code
expectTypeOf(EmbedError).toBeConstructibleWith('server_error')
// @ts-expect-error an unknown option
expectTypeOf(EmbedError).toBeConstructibleWith('network', undefined, { retryAfter: 1 })

expectTypeOf(isEmbedError).parameter(0).toEqualTypeOf<unknown>()
expectTypeOf(isEmbedError).guards.toEqualTypeOf<EmbedError>()
