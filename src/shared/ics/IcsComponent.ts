/** One content line after unfolding: `NAME;PARAM=value:value`, names upper-cased. */
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** A BEGIN/END block with its properties and nested blocks, as the file wrote it. */
export interface IcsComponent {
  name: string;
  line: number;
  props: IcsProperty[];
  children: IcsComponent[];
  /** Why the block cannot be trusted (a missing END, say); null when it is whole. */
  broken: string | null;
}

export function firstProp(c: IcsComponent, name: string): IcsProperty | undefined {
  for (const p of c.props) if (p.name === name) return p;
  return undefined;
}

export function allProps(c: IcsComponent, name: string): IcsProperty[] {
  return c.props.filter((p) => p.name === name);
}
