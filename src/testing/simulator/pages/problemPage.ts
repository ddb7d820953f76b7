import { escapeHtml, htmlPage } from './document.js'

/** Why a signed URL did not open its page. */
export type LinkProblem = 'invalid' | 'expired' | 'used'

const PROBLEMS: Record<LinkProblem, { status: number; title: string; advice: string }> = {
  invalid: {
    status: 401,
    title: 'This link is not valid',
    advice: 'It may have been copied incompletely or altered. Go back to the app and open the portal again.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    advice: 'Links like this one only work for a short time. Go back to the app and open the portal again.',
  },
  used: {
    status: 410,
    title: 'This link has already been used',
    advice: 'Each link opens the portal once. Go back to the app and open the portal again.',
  },
}

export function linkProblemPage(problem: LinkProblem, frameable: boolean): Response {
  const { status, title, advice } = PROBLEMS[problem]
  return htmlPage({
    status,
    title,
    frameable,
    body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(advice)}</p>`,
  })
}

export function notFoundPage(): Response {
  return htmlPage({
    status: 404,
    title: 'Page not found',
    frameable: false,
    body: '<h1>Page not found</h1>\n<p>The simulator has no page at this address.</p>',
  })
}
