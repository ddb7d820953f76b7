import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import 'embedded-portals/styles.css'
import './globals.css'

export const metadata: Metadata = { title: 'Northwind Clinic — embedded-portals with Next.js' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
