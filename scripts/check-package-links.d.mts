/** The files `npm pack` would put in the tarball, relative to the package root. */
export function packedFiles(root: string): string[]
/** The link targets of a Markdown text (outside code), with their 1-based line. */
export function markdownLinks(text: string): { target: string; line: number }[]
/** GitHub's anchor for each heading of a Markdown text, duplicates numbered. */
export function headingAnchors(text: string): Set<string>
/** The broken relative links of the shipped README.md and docs/*.md, one line each. */
export function brokenLinks(files: readonly string[], read: (path: string) => string): string[]
