/** The noun for n of them: "decision" for 1, "decisions" otherwise. */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
