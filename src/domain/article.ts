/** "a Household", "an Organization": the article a word takes (by its first letter, as contact types need). */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
