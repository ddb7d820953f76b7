import type { SimulatorContext } from '../context.js'
import { pythonIsoTime } from '../responses.js'
import type { JunctionUserRecord } from '../types.js'

export interface NewJunctionUser {
  client_user_id: string
  fallback_time_zone?: string | null | undefined
  fallback_birth_date?: string | null | undefined
  ingestion_start?: string | null | undefined
  ingestion_end?: string | null | undefined
}

/** Stores a new user. The caller has checked that `client_user_id` is free. */
export function createJunctionUser(ctx: SimulatorContext, input: NewJunctionUser): JunctionUserRecord {
  const record: JunctionUserRecord = {
    user_id: ctx.ids.uuid(),
    team_id: ctx.config.teamId,
    client_user_id: input.client_user_id,
    created_on: pythonIsoTime(Date.now()),
    fallback_time_zone: input.fallback_time_zone ?? null,
    fallback_birth_date: input.fallback_birth_date ?? null,
    ingestion_start: input.ingestion_start ?? null,
    ingestion_end: input.ingestion_end ?? null,
  }
  ctx.store.junctionUsers.set(record.user_id, record)
  ctx.store.junctionUserIds.set(record.client_user_id, record.user_id)
  return record
}

/** The `ClientFacingUser` answer of `POST /v2/user`. */
export function clientFacingUser(user: JunctionUserRecord) {
  const manual = (value: Record<string, string>) => ({ ...value, source_slug: 'manual', updated_at: user.created_on })
  return {
    user_id: user.user_id,
    team_id: user.team_id,
    client_user_id: user.client_user_id,
    created_on: user.created_on,
    connected_sources: [],
    fallback_time_zone: user.fallback_time_zone === null ? null : manual({ id: user.fallback_time_zone }),
    fallback_birth_date: user.fallback_birth_date === null ? null : manual({ value: user.fallback_birth_date }),
    ingestion_start: user.ingestion_start,
    ingestion_end: user.ingestion_end,
  }
}
