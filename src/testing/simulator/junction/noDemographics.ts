import type { ResolvedUnpublished } from '../options.js'
import { json } from '../responses.js'
import { userInfoJson } from './demographics.js'

/**
 * `GET /v2/user/{user_id}/info/latest` for a user without demographics, in the form the simulator plays
 * (Junction does not publish it): 404, 422, or a 200 `UserInfo` with every field null.
 */
export function noDemographics(form: ResolvedUnpublished['noDemographics']): Response {
  switch (form) {
    case 'not_found':
      return json({ detail: 'No demographics have been set for this user.' }, 404)
    case 'unprocessable':
      return json({ detail: 'User has no demographics on file.' }, 422)
    case 'empty':
      return json(userInfoJson({}))
  }
}
