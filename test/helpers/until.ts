// Polls an async condition (the store answers asynchronously) until it holds,
// and returns what it returned; fails with `what` after `timeoutMs`.
export async function until<T>(condition: () => Promise<T | undefined | false | null>, timeoutMs = 5000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
