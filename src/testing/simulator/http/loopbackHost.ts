/** Whether a host name or address is loopback-only: `localhost`, `127.x.x.x` or `::1` (bracketed or not). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare)
}

/**
 * Whether a request's `Host` header names a loopback host with this server's own port. A page on any
 * site can make a browser send requests to loopback; only DNS rebinding would let it read the answers,
 * and a rebound request still carries that site's name in `Host`, so the simulator answers nothing else.
 */
export function isOwnLoopbackHost(header: string | undefined, port: number): boolean {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(header ?? '')
  return match !== null && isLoopbackHost(match[1] ?? '') && Number(match[2]) === port
}
