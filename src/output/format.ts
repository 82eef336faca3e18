// Small formatting helpers for tables: token counts and truncation.

/** 200000 -> 200k, 65536 -> 64k, 1000000 -> 1M, 3500000 -> 3.5M. */
export function formatTokens(n: number | null | undefined): string {
  if (n === null || n === undefined) return "-";
  if (n >= 1_000_000) return `${Number((n / (n % 1_048_576 === 0 ? 1_048_576 : 1_000_000)).toFixed(1))}M`;
  // Round thousands first (256000 is 256k), binary sizes next (65536 is 64k).
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}k`;
  if (n >= 1000) return `${Math.round(n / 1000)}k`;
  return String(n);
}

/** The ellipsis a cut value ends with: … where the terminal speaks UTF-8, "..." elsewhere (LANG=C). */
export function ellipsisFor(unicode: boolean): string {
  return unicode ? "…" : "...";
}

export function truncate(text: string, width: number, ellipsis = "…"): string {
  if (text.length <= width) return text;
  if (width <= ellipsis.length) return text.slice(0, width);
  return `${text.slice(0, width - ellipsis.length)}${ellipsis}`;
}

/** Cut in the middle: the start and the end (where ids differ: a profile's own id, a version) both stay. */
export function truncateMiddle(text: string, width: number, ellipsis = "…"): string {
  if (text.length <= width) return text;
  if (width <= ellipsis.length + 2) return truncate(text, width, ellipsis);
  const room = width - ellipsis.length;
  const head = Math.floor(room * 0.4);
  return `${text.slice(0, head)}${ellipsis}${text.slice(text.length - (room - head))}`;
}
