import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'

export interface Patient {
  id: string
  name: string
  note: string
}

export type Session =
  | { status: 'signed-out'; clinicians: { id: string; name: string }[] }
  | {
      status: 'signed-in'
      clinician: { id: string; name: string }
      patients: Patient[]
      /** What <EmbedProvider> may open or frame: the server says, since it knows where the vendors are. */
      portals: { allowedOrigins: string[]; allowInsecureLocalhost: boolean }
    }

async function fetchSession(): Promise<Session> {
  const response = await fetch('/api/session')
  if (response.status === 401) return { status: 'signed-out', ...(await response.json()) }
  if (!response.ok) throw new Error(`GET /api/session answered ${response.status}`)
  return { status: 'signed-in', ...(await response.json()) }
}

export const useSession = () => useQuery({ queryKey: ['session'], queryFn: fetchSession })

/** POST /api/login or /api/logout, then reads the session again. */
export function useSignInOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (change: { clinicianId: string } | 'sign-out') => {
      const response = await fetch(change === 'sign-out' ? '/api/logout' : '/api/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(change === 'sign-out' ? {} : change),
      })
      if (!response.ok) throw new Error(`The server answered ${response.status}`)
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['session'] }),
  })
}
