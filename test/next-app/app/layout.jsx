// A Next.js App Router fixture: a root layout that is a Server Component.
export const metadata = { title: 'embedded-portals in Next.js' }

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
