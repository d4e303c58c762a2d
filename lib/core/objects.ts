/** A copy of `o` without its undefined fields, so that rendered objects carry only what is set. */
export function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
