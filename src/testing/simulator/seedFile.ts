import type { SimulatorSeed } from './seed.js'
import type { SeedJunctionUserInput, SeedPortalInput } from './types.js'

type Rec = Record<string, unknown>

export const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function listOf<T>(seed: Rec, key: string, read: (item: unknown, where: string) => T): T[] {
  const value = seed[key]
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new Error(`"${key}" must be an array.`)
  return value.map((item, index) => read(item, `${key}[${index}]`))
}

function junctionUser(item: unknown, where: string): SeedJunctionUserInput {
  if (!isRecord(item) || typeof item.clientUserId !== 'string' || item.clientUserId === '') {
    throw new Error(`${where} must be {"clientUserId": string, "demographics"?: object | null}.`)
  }
  if (item.demographics !== undefined && item.demographics !== null && !isRecord(item.demographics)) {
    throw new Error(`${where}.demographics must be an object or null.`)
  }
  return {
    clientUserId: item.clientUserId,
    demographics: (item.demographics ?? null) as SeedJunctionUserInput['demographics'],
  }
}

function portal(item: unknown, where: string): SeedPortalInput {
  if (!isRecord(item) || typeof item.name !== 'string')
    throw new Error(`${where} must be {"name": string, "users"?: [...]}.`)
  const users = listOf(item, 'users', (user, at) => {
    if (!isRecord(user) || typeof user.email !== 'string')
      throw new Error(`${where}.${at} must be {"email": string, ...}.`)
    return user as unknown as NonNullable<SeedPortalInput['users']>[number]
  })
  return { ...(item as unknown as SeedPortalInput), users }
}

const SEED_KEYS = ['junctionUsers', 'userhubUsers', 'portals'] as const

/** The ids of a list of strings (`patients`, `userhubUsers`…), each non-empty. */
export function idList(seed: Rec, key: string): string[] {
  return listOf(seed, key, (item, where) => {
    if (typeof item !== 'string' || item === '') throw new Error(`${where} must be a non-empty string.`)
    return item
  })
}

/**
 * Reads a seed object: `{"junctionUsers": [{"clientUserId", "demographics"?}], "userhubUsers": [id],
 * "portals": [{"name", "users"?}]}`, plus the keys in `extraKeys`, which the caller reads. A wrong shape
 * or an unknown key throws an error that names it.
 */
export function readSeed(value: unknown, extraKeys: readonly string[] = []): SimulatorSeed {
  if (!isRecord(value)) throw new Error('it must be a JSON object.')
  const known = [...SEED_KEYS, ...extraKeys]
  const unknown = Object.keys(value).filter((key) => !known.includes(key))
  if (unknown.length > 0) throw new Error(`unknown keys ${unknown.map((k) => `"${k}"`).join(', ')}.`)
  return {
    junctionUsers: listOf(value, 'junctionUsers', junctionUser),
    userhubUsers: idList(value, 'userhubUsers'),
    portals: listOf(value, 'portals', portal),
  }
}

/**
 * Reads a seed file's JSON: `{"junctionUsers": [{"clientUserId", "demographics"?}], "userhubUsers":
 * [id], "portals": [{"name", "users"?}]}`. A wrong shape throws an error that names the entry.
 */
export function parseSeedFile(text: string, file: string): SimulatorSeed {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error(`${file} is not valid JSON.`)
  }
  try {
    if (!isRecord(value)) throw new Error('the file must hold a JSON object.')
    return readSeed(value)
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
