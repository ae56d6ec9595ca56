/**
 * Polls `read` every 250 ms until `ok` holds for its value or `timeoutMs` passes, and returns the last value:
 * the test then asserts on it, so a timeout fails with the value that was seen.
 */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}
