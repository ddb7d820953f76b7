import { setupServer } from 'msw/node'

/** The one MSW server of the jsdom suite; tests add handlers with `server.use(...)`. */
export const server = setupServer()
