// How many cases a property test tries: the everyday count, times LEDE_PROPERTY_SCALE for a deeper
// search (`LEDE_PROPERTY_SCALE=20 npx vitest run --project unit test/record test/extract`).
export const PROPERTY_SCALE = Math.max(1, Number(process.env.LEDE_PROPERTY_SCALE) || 1);

export function propertyRuns(everyday: number): number {
  return everyday * PROPERTY_SCALE;
}

/** A test timeout that grows with the scale, so a deep search is not cut short. */
export function propertyTimeout(everydayMs: number): number {
  return everydayMs * PROPERTY_SCALE;
}
