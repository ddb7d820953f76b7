import type { SimulatorContext } from './context.js'
import { createFailureQueue } from './failures.js'
import { createHandle } from './handle.js'
import { createIdSource } from './ids.js'
import { junctionApi } from './junction/routes.js'
import { createJunctionUser } from './junction/users.js'
import { managementApi } from './management/routes.js'
import { mswHandlers } from './mswHandlers.js'
import { applySettings, resolveConfig } from './options.js'
import { pagesApi } from './pages/routes.js'
import { addPortalUser, createPortal } from './portalAdmin/portals.js'
import { portalAdminApi } from './portalAdmin/routes.js'
import { stateView } from './stateView.js'
import { createStore } from './store.js'
import { createTokenSigner } from './tokens.js'
import type { RecordedVendorRequest, VendorSimulator, VendorSimulatorOptions } from './types.js'
import { userhubApi } from './userhub/routes.js'

/**
 * An in-memory simulator of the vendor APIs embedded-portals talks to (Junction, Junction Management,
 * UserHub, portal administration) and of the pages behind the signed URLs they hand out. One Fetch-API
 * `handle` serves MSW (`handlers`), plain `fetch` stubs, and real HTTP (`startSimulator`).
 */
export function createVendorSimulator(options: VendorSimulatorOptions = {}): VendorSimulator {
  const config = resolveConfig(options)
  const ctx: SimulatorContext = {
    config,
    ids: createIdSource(config.seed),
    store: createStore(),
    signer: createTokenSigner(config.signingSecret),
    sequence: { tokens: 0 },
  }
  let generation = 0
  const failures = createFailureQueue()
  const requests: RecordedVendorRequest[] = []
  const handle = createHandle({
    baseUrls: config.baseUrls,
    apis: {
      junction: junctionApi(ctx),
      management: managementApi(ctx),
      userhub: userhubApi(ctx),
      portalAdmin: portalAdminApi(ctx),
      pages: pagesApi(ctx),
    },
    failures,
    requests,
    config,
  })

  function junctionUserId(userId: string): string {
    const id = userId.toLowerCase()
    if (!ctx.store.junctionUsers.has(id)) throw new Error(`The simulator has no Junction user ${userId}.`)
    return id
  }

  return {
    handle,
    handlers: mswHandlers(config.baseUrls, handle),
    baseUrls: config.baseUrls,
    keys: config.keys,
    orgId: config.orgId,
    teamId: config.teamId,
    state: stateView(ctx.store),
    requests,

    async seedJunctionUser(input = {}) {
      let clientUserId = input.clientUserId
      for (let n = ctx.store.junctionUsers.size + 1; clientUserId === undefined; n += 1) {
        if (!ctx.store.junctionUserIds.has(`sim-user-${n}`)) clientUserId = `sim-user-${n}`
      }
      if (ctx.store.junctionUserIds.has(clientUserId)) {
        throw new Error(`A Junction user with client_user_id ${clientUserId} already exists.`)
      }
      const user = createJunctionUser(ctx, { client_user_id: clientUserId })
      if (input.demographics) ctx.store.demographics.set(user.user_id, structuredClone(input.demographics))
      return user.user_id
    },

    setDemographics(userId, demographics) {
      const id = junctionUserId(userId)
      if (demographics === null) ctx.store.demographics.delete(id)
      else ctx.store.demographics.set(id, structuredClone(demographics))
    },

    seedPortal(input) {
      if (input.id !== undefined && ctx.store.portals.has(input.id)) {
        throw new Error(`A portal with id ${input.id} already exists.`)
      }
      const portal = createPortal(ctx, input.name, input.customDomain?.toLowerCase() ?? null, input.id)
      for (const user of input.users ?? []) {
        addPortalUser(
          ctx,
          portal,
          { email: user.email, first_name: user.firstName ?? null, last_name: user.lastName ?? null },
          user.status ?? 'invited',
          user,
        )
      }
      return portal.id
    },

    refuseInvites(email, reason) {
      ctx.store.refusedInvites.set(email.trim().toLowerCase(), reason)
    },

    configure(settings) {
      applySettings(config, settings)
    },

    seedGlobalAccount(email) {
      const key = email.trim().toLowerCase()
      const existing = ctx.store.globalAccounts.get(key)
      if (existing) return existing.id
      const account = { id: ctx.ids.uuid(), email: email.trim() }
      ctx.store.globalAccounts.set(key, account)
      return account.id
    },

    seedUserhubUser(id) {
      ctx.store.userhubUsers.set(id, { id, externalId: null, connectionId: null })
    },

    fail(failure) {
      failures.add(failure)
    },

    reset() {
      // A new key per generation: a seeded sequence repeats token ids, and old URLs must not open new tokens.
      generation += 1
      ctx.signer = createTokenSigner(`${config.signingSecret}#${generation}`)
      ctx.store.clear()
      ctx.ids.reset()
      ctx.sequence.tokens = 0
      failures.clear()
      requests.length = 0
    },
  }
}
