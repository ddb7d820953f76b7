/** A label or hint as it reads inside a sentence: "First name" → "first name"; acronyms stay ("ZIP or…"). */
export function midSentence(text: string): string {
  return text.replace(/^[A-Z](?=[a-z])/, (letter) => letter.toLowerCase())
}
