import { useMemo } from 'react';

import type { Jurisdiction, List } from '../api/types';
import { useRequest } from '../api/use-request';
import { useT } from '../i18n/i18n';

interface JurisdictionSelectProps {
  value: string;
  onChange: (code: string) => void;
  id?: string;
}

interface Row {
  node: Jurisdiction;
  depth: number;
}

/**
 * The GB/T 2260 tree as a select: each node under its parent, indented by depth. The list is
 * already limited to the user's scope by the server.
 */
export function JurisdictionSelect({ value, onChange, id }: JurisdictionSelectProps) {
  const t = useT();
  const { data } = useRequest<List<Jurisdiction>>('/jurisdictions');
  const rows = useMemo(() => flattenTree(data?.items ?? []), [data]);

  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('units.allJurisdictions')}</option>
      {rows.map(({ node, depth }) => (
        <option key={node.code} value={node.code}>
          {'\u2002'.repeat(depth * 2)}
          {node.name} ({node.code})
        </option>
      ))}
    </select>
  );
}

/** Depth-first order, children by code; nodes whose parent is out of scope become roots. */
export function flattenTree(nodes: readonly Jurisdiction[]): Row[] {
  const codes = new Set(nodes.map((node) => node.code));
  const children = new Map<string | null, Jurisdiction[]>();
  for (const node of nodes) {
    const parent = node.parent && codes.has(node.parent) ? node.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }

  const rows: Row[] = [];
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    for (const node of list) {
      rows.push({ node, depth });
      visit(node.code, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}
