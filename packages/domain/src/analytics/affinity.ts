/**
 * "Customers who bought this also bought": product affinities by co-purchase lift, for cross-sell (QCI's
 * penetration, docs/models.md; IDIC's "differentiate by needs").
 *
 * Over customers (each customer's set of distinct products is one basket, whatever the number of orders):
 * for products A and B bought by n_A and n_B of N customers, n_AB of them buying both,
 *   confidence(A → B) = n_AB / n_A        (of A's buyers, the share who bought B)
 *   lift(A, B)        = n_AB · N / (n_A · n_B)   (how many times likelier than by chance; 1 = independent)
 * A pair counts only when at least `minTogether` customers bought both (a lift from two customers is noise).
 */

export type Affinity = { item: string; other: string; together: number; confidence: number; lift: number };

export type AffinityOptions = {
  /** Customers who must have bought both. */
  minTogether: number;
  /** Kept per product, best first. */
  perItem: number;
  /** Products of one customer taken into pairs (the most bought first); bounds the pairs to n(n−1)/2. */
  maxItemsPerCustomer: number;
};

export const DEFAULT_AFFINITY_OPTIONS: AffinityOptions = { minTogether: 3, perItem: 10, maxItemsPerCustomer: 100 };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the counts one customer at a time (a workspace's orders are read in pages, never held whole). */
export class AffinityCounter {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly single: number[] = [];
  private readonly pairs = new Map<number, number>();
  private baskets = 0;

  private idOf(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(item, i);
      this.names.push(item);
      this.single.push(0);
    }
    return i;
  }

  /** One customer's distinct products (duplicates are ignored). */
  addBasket(items: Iterable<string>, maxItems = DEFAULT_AFFINITY_OPTIONS.maxItemsPerCustomer): void {
    const ids = [...new Set([...items].map((x) => this.idOf(x)))].slice(0, maxItems).sort((a, b) => a - b);
    if (ids.length === 0) return;
    this.baskets++;
    for (const i of ids) this.single[i]!++;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const k = ids[x]! * 2 ** 26 + ids[y]!;
        this.pairs.set(k, (this.pairs.get(k) ?? 0) + 1);
      }
    }
  }

  get customers(): number {
    return this.baskets;
  }

  /** Every product's best partners by lift (then by customers together, then by id). */
  affinities(o: Partial<AffinityOptions> = {}): Affinity[] {
    const opt = { ...DEFAULT_AFFINITY_OPTIONS, ...o };
    const N = this.baskets;
    const per = new Map<number, Affinity[]>();
    const push = (a: number, b: number, together: number) => {
      const na = this.single[a]!;
      const nb = this.single[b]!;
      const lift = (together * N) / (na * nb);
      if (!(lift > 1)) return;
      let list = per.get(a);
      if (!list) per.set(a, (list = []));
      list.push({ item: this.names[a]!, other: this.names[b]!, together, confidence: together / na, lift });
    };
    for (const [k, together] of this.pairs) {
      if (together < opt.minTogether) continue;
      const a = Math.floor(k / 2 ** 26);
      const b = k % 2 ** 26;
      push(a, b, together);
      push(b, a, together);
    }
    const out: Affinity[] = [];
    for (const list of per.values()) {
      list.sort((x, y) => y.lift - x.lift || y.together - x.together || byId(x.other, y.other));
      out.push(...list.slice(0, opt.perItem));
    }
    return out.sort((x, y) => byId(x.item, y.item) || y.lift - x.lift || byId(x.other, y.other));
  }
}

export type Suggestion = { item: string; lift: number; confidence: number; because: string };

/**
 * What to offer a customer who bought `owned`: products they have not bought, from the affinities of the
 * ones they have, each by its strongest reason (highest lift; then confidence).
 */
export function suggestFor(owned: Iterable<string>, affinities: readonly Affinity[], limit = 5): Suggestion[] {
  const have = new Set(owned);
  const best = new Map<string, Suggestion>();
  for (const a of affinities) {
    if (!have.has(a.item) || have.has(a.other)) continue;
    const was = best.get(a.other);
    if (!was || a.lift > was.lift || (a.lift === was.lift && a.confidence > was.confidence))
      best.set(a.other, { item: a.other, lift: a.lift, confidence: a.confidence, because: a.item });
  }
  return [...best.values()].sort((x, y) => y.lift - x.lift || y.confidence - x.confidence || byId(x.item, y.item)).slice(0, limit);
}
