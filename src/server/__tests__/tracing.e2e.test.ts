// @vitest-environment node
import { AsyncLocalStorage } from 'node:async_hooks'
import {
  type Context,
  type ContextManager,
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, setupEmbedServer } from '../../../test/support/embed-server.js'
import { loadOpenTelemetry } from '../tracing/openTelemetry.js'

const PORTAL = { target: { kind: 'junction.user_portal', context: 'launch' } }

/** The context manager NodeSDK registers, in a few lines: the active context follows async calls. */
class StorageContextManager implements ContextManager {
  private storage = new AsyncLocalStorage<Context>()
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(active, () => fn.apply(thisArg, args))
  }
  bind<T>(_context: Context, target: T): T {
    return target
  }
  enable(): this {
    return this
  }
  disable(): this {
    this.storage.disable()
    return this
  }
}

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider)
  context.setGlobalContextManager(new StorageContextManager())
  // The handler imports the API when it is created and never waits for it: have it imported first.
  expect(await loadOpenTelemetry()).not.toBeNull()
})
afterEach(() => exporter.reset())
afterAll(async () => {
  await provider.shutdown()
  trace.disable()
  context.disable()
})

const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name)

describe('OpenTelemetry, with @opentelemetry/api installed and a tracer provider registered', () => {
  it('makes one span per request and one child span per vendor call, with HTTP client conventions', async () => {
    const { simulator, call, options } = setupEmbedServer()
    const userId = await simulator.seedJunctionUser({
      clientUserId: 'host-user-1',
      demographics: COMPLETE_DEMOGRAPHICS,
    })
    const response = await call('POST', '/signed-url', PORTAL, { 'x-request-id': 'req-42' })
    expect(response.status).toBe(200)
    const { url } = (await response.json()) as { url: string }

    const spans = exporter.getFinishedSpans()
    const [request] = named(spans, 'embedded-portals /signed-url')
    expect(spans).toHaveLength(3)
    expect(request?.kind).toBe(SpanKind.INTERNAL)
    expect(request?.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/api/portals/signed-url',
      'http.response.status_code': 200,
      'embedded_portals.request_id': 'req-42',
      'embedded_portals.action': 'signed-url',
      'embedded_portals.target': 'junction.user_portal',
      'embedded_portals.decision': 'allowed',
      'embedded_portals.vendor': 'junction',
    })
    expect(request?.status.code).toBe(SpanStatusCode.UNSET)

    const junction = new URL(options.junction?.baseUrl ?? '')
    const vendorCalls = spans.filter((span) => span.kind === SpanKind.CLIENT)
    expect(vendorCalls.map((span) => span.name)).toEqual(['POST /v2/user', 'POST /v2/user/{user_id}/create_portal_url'])
    for (const span of vendorCalls) {
      expect(span.parentSpanContext?.spanId).toBe(request?.spanContext().spanId)
      expect(span.spanContext().traceId).toBe(request?.spanContext().traceId)
    }
    expect(vendorCalls[1]?.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': junction.hostname,
      'server.port': junction.protocol === 'https:' ? 443 : 80,
      'url.scheme': junction.protocol.slice(0, -1),
      'url.template': '/v2/user/{user_id}/create_portal_url',
      'http.response.status_code': 200,
      'embedded_portals.vendor': 'junction',
      'embedded_portals.operation': 'create portal URL',
    })
    // The first call's 400 is Junction saying the user exists: an error for the client span.
    expect(vendorCalls[0]?.attributes).toMatchObject({ 'http.response.status_code': 400, 'error.type': '400' })
    expect(vendorCalls[0]?.status.code).toBe(SpanStatusCode.ERROR)

    const everything = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]))
    for (const secret of [userId, 'host-user-1', url, new URL(url).search, options.junction?.apiKey ?? '']) {
      expect(everything).not.toContain(secret)
    }
  })

  it('records a refusal with its decision and error code, and no vendor span', async () => {
    const { call } = setupEmbedServer({ authorize: async () => false })
    expect((await call('GET', '/demographics?subject=patient-8842')).status).toBe(403)
    const spans = exporter.getFinishedSpans()
    expect(spans.map((span) => span.name)).toEqual(['embedded-portals /demographics'])
    expect(spans[0]?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'embedded_portals.action': 'demographics.read',
      'embedded_portals.decision': 'denied',
      'http.response.status_code': 403,
      'error.type': 'forbidden',
    })
    expect(JSON.stringify(spans[0]?.attributes)).not.toContain('8842')
    expect(spans[0]?.status.code).toBe(SpanStatusCode.UNSET)
  })

  it('marks a 5xx answer and a failed vendor call as errors', async () => {
    const { simulator, call } = setupEmbedServer()
    simulator.fail({ api: 'junction', kind: 'server_error' })
    expect((await call('GET', '/demographics')).status).toBe(502)
    const [vendor, request] = exporter.getFinishedSpans()
    expect(vendor?.attributes).toMatchObject({ 'http.response.status_code': 500, 'error.type': '500' })
    expect(vendor?.status.code).toBe(SpanStatusCode.ERROR)
    expect(request?.name).toBe('embedded-portals /demographics')
    expect(request?.attributes).toMatchObject({
      'http.response.status_code': 502,
      'error.type': 'upstream_unavailable',
    })
    expect(request?.status.code).toBe(SpanStatusCode.ERROR)
  })

  it('names a path under no route by `*`, never by the path', async () => {
    const { call } = setupEmbedServer()
    await call('GET', '/patients/8842-MRN/orders')
    const spans = exporter.getFinishedSpans()
    expect(spans.map((span) => span.name)).toEqual(['embedded-portals *'])
    expect(JSON.stringify(spans[0]?.attributes)).not.toContain('8842')
  })

  it("runs the host's callbacks and audit sink inside the request's span", async () => {
    const tracer = trace.getTracer('host-app')
    const { call } = setupEmbedServer({
      resolveUser: async () =>
        tracer.startActiveSpan('session lookup', (span) => {
          span.end()
          return { clientUserId: 'host-user-1' }
        }),
      audit: () => tracer.startActiveSpan('audit insert', (span) => span.end()),
    })
    await call('GET', '/demographics')
    const spans = exporter.getFinishedSpans()
    const [request] = named(spans, 'embedded-portals /demographics')
    for (const name of ['session lookup', 'audit insert']) {
      expect(named(spans, name)[0]?.parentSpanContext?.spanId, name).toBe(request?.spanContext().spanId)
    }
  })
})
