/**
 * Runs `callback` on the next animation frame, or after `maxDelayMs` if no frame comes (hidden tab,
 * minimised wall browser): the map only needs frames, but lastSeq and the e2e hook must keep moving.
 */
export function onNextFrame(callback: () => void, maxDelayMs = 100): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    callback();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, maxDelayMs);
}
