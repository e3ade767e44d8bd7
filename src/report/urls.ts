// URLs as people read them: percent-encoded Chinese decoded, long ones shortened in the middle.
// The real href is always kept (in the link, the title attribute and report.json).

/** Decoded for reading: `%E6%94%BF%E5%8A%A1` → 政务; reserved characters (%2F, %3F, %26 …) stay encoded. */
export function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    // A malformed escape somewhere: decode what decodes, run by run.
    return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURI(run);
      } catch {
        return run;
      }
    });
  }
}

/** At most `max` characters: the head and the tail kept (host and file name), the middle as …. */
export function middleTruncate(text: string, max = 80): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}

export const humanUrl = (url: string, max = 80) => middleTruncate(displayUrl(url), max);
