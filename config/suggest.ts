/** "Did you mean" for misspelt keys, namespaces and values. */

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), case-insensitive. */
export function editDistance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= x.length; i++) {
        for (let j = 1; j <= y.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[x.length][y.length];
}

/** camelCase, snake_case and kebab-case words, lower-cased: `mfaConfiguration` → mfa, configuration. */
function words(s: string): string[] {
    return s
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .split(/[\s_.:-]+/)
        .filter((w) => w.length > 0)
        .map((w) => w.toLowerCase());
}

/**
 * The candidate closest to `value`: a small edit distance (a fifth of the length, 2 to 4), or
 * else the candidate sharing the most words with it (`passwordLength` → `passwordMinLength`).
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
    let best: { c: string; d: number } | undefined;
    for (const c of candidates) {
        const d = editDistance(value, c);
        if (best === undefined || d < best.d) best = { c, d };
    }
    if (best !== undefined && best.d <= Math.min(4, Math.max(2, Math.floor(value.length / 5)))) return best.c;
    const mine = words(value);
    let byWords: { c: string; score: number } | undefined;
    for (const c of candidates) {
        const theirs = words(c);
        const alike = (m: string, w: string) => m === w || (Math.min(m.length, w.length) >= 4 && (w.startsWith(m) || m.startsWith(w) || editDistance(m, w) <= 1));
        const shared = theirs.filter((w) => mine.some((m) => alike(m, w))).length;
        // Dice coefficient: a candidate made only of the value's words beats one sharing one of two.
        const score = (2 * shared) / (theirs.length + mine.length);
        if (score >= 0.5 && (byWords === undefined || score > byWords.score)) byWords = { c, score };
    }
    return byWords?.c;
}
