import type { SqlDriver } from '../../store/driver.ts';

/** One node of the GB/T 2260 tree. */
export interface Jurisdiction {
  code: string;
  name: string;
  parent: string | null;
  level: JurisdictionLevel;
  /** `/320100/320102/`: every ancestor's code, root first, with slashes around each. */
  path: string;
}

export type JurisdictionLevel = 'city' | 'district' | 'county' | 'street' | 'station';

/**
 * The jurisdiction tree, held in memory (a city has tens to a few thousand nodes) and reloaded
 * from the database after every change. Answers "is this code inside that one".
 */
export class JurisdictionTree {
  private nodes = new Map<string, Jurisdiction>();

  constructor(private readonly driver: SqlDriver) {}

  /** Reads the tree from the database. */
  async load(): Promise<this> {
    const rows = await this.driver.all<Jurisdiction>(
      'SELECT code, name, parent, level, path FROM jurisdictions ORDER BY path',
    );
    this.nodes = new Map(rows.map((row) => [row.code, row]));
    return this;
  }

  get size(): number {
    return this.nodes.size;
  }

  get(code: string): Jurisdiction | undefined {
    return this.nodes.get(code);
  }

  /** Every node, root first, parents before children. */
  list(): Jurisdiction[] {
    return [...this.nodes.values()];
  }

  /** The root (the city), if the tree has one. */
  root(): Jurisdiction | undefined {
    for (const node of this.nodes.values()) if (node.parent === null) return node;
    return undefined;
  }

  /** True when `code` is `ancestor` or lies under it. */
  contains(ancestor: string, code: string | null | undefined): boolean {
    if (!code) return false;
    const node = this.nodes.get(code);
    return node !== undefined && node.path.includes(`/${ancestor}/`);
  }

  /** The district or county a code belongs to (itself if it is one), for roll-ups. */
  districtOf(code: string): Jurisdiction | undefined {
    let node = this.nodes.get(code);
    while (node && node.level !== 'district' && node.level !== 'county') {
      node = node.parent ? this.nodes.get(node.parent) : undefined;
    }
    return node;
  }

  /** Pattern for `path LIKE ?` matching the subtree of `code`. */
  static subtreePattern(code: string): string {
    return `%/${code}/%`;
  }
}
