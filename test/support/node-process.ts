import { type ChildProcess, spawn } from 'node:child_process'

export interface StartedNode {
  child: ChildProcess
  /** The values of the `Label: value` lines the process printed. */
  lines: Record<string, string>
}

/** Starts `node {script}` in `cwd` and waits until it has printed a `Label: value` line for every label. */
export function startNode(
  script: string,
  cwd: string,
  env: Record<string, string>,
  labels: readonly string[],
): Promise<StartedNode> {
  // At a low CPU priority (`nice` execs node: the child is the server), beside the timed browser tests.
  const child = spawn('nice', ['-n', '10', process.execPath, script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const lines: Record<string, string> = {}
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('timed out')), 30_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill()
      reject(new Error(`${script} did not start: ${error.message}\n${output}`))
    }
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      for (const match of output.matchAll(/^([^:\n]+): (\S+)/gm)) lines[match[1] ?? ''] = match[2] ?? ''
      if (labels.every((label) => label in lines)) {
        clearTimeout(timer)
        resolve({ child, lines })
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('error', fail)
    child.once('exit', (code) => fail(new Error(`exited with ${code}`)))
  })
}

/** Stops a process the test started, and waits for it to be gone. */
export async function stopNode(started: StartedNode | undefined): Promise<void> {
  const child = started?.child
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
