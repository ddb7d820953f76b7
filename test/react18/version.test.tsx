import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, renderHook, screen } from '@testing-library/react'
import { useState, version } from 'react'
import { version as domVersion } from 'react-dom'
import { version as serverVersion } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

// Only the unit-react18 project of vitest.config.ts runs this file: it proves that project's aliases hold.
describe('the unit-react18 project', () => {
  it('imports React 18.3', () => {
    expect(version).toMatch(/^18\.3\./)
    expect(domVersion).toMatch(/^18\.3\./)
    expect(serverVersion).toMatch(/^18\.3\./)
  })

  it('renders through Testing Library with the same React 18 copy', () => {
    // A hook from one React copy rendered by another copy's react-dom throws "Invalid hook call".
    const { result } = renderHook(() => useState('same copy'))
    expect(result.current[0]).toBe('same copy')
  })

  it('gives @tanstack/react-query the same React 18 copy', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    function Answer() {
      const { data } = useQuery({ queryKey: ['answer'], queryFn: async () => 42 })
      return <output>{data ?? 'loading'}</output>
    }
    render(
      <QueryClientProvider client={client}>
        <Answer />
      </QueryClientProvider>,
    )
    expect(await screen.findByText('42')).toBeInTheDocument()
    client.clear()
  })
})
