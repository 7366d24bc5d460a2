import type { TemplateExpression } from '../jinja/template';
import type { Span } from '../types';

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** A port as written: a number, or a Jinja template to resolve through the environment's variables. */
export interface PortRef {
  readonly span: Span;
  readonly text: string;
  readonly literal?: number;
  /** Set when the whole value is one `{{ ... }}` expression. */
  readonly template?: TemplateExpression;
  /** The scalar's value when it holds a template, for the expression reader (`{{ x | int + 1 }}`, `{{ x }}0`). */
  readonly jinja?: string;
}

export interface ServicePortFact {
  readonly name?: string;
  readonly nodePort?: Located<number>;
  readonly port?: number;
  readonly targetPort?: number | string;
  readonly protocol: string;
  readonly span: Span;
}

export interface ServiceFact {
  readonly name?: Located<string>;
  readonly namespace?: string;
  readonly appLabel?: string;
  readonly type?: Located<string>;
  readonly ports: readonly ServicePortFact[];
  /** Where a diagnostic about the whole Service goes when nothing more precise exists. */
  readonly anchor: Span;
  /** The whole object: a document, or one item of a List. */
  readonly extent: Span;
}

export interface ProxyEntryFact {
  readonly app: string;
  readonly keySpan: Span;
  readonly entrySpan: Span;
  readonly port?: PortRef;
  readonly mode?: Located<string>;
  readonly destinationGroup?: Located<string>;
  readonly destinationPort?: PortRef;
}

export interface ProxyFacts {
  readonly entries: readonly ProxyEntryFact[];
  /** `proxies.target.group` of the wrapped form. */
  readonly targetGroup?: Located<string>;
}

export interface ProxyPassFact {
  readonly span: Span;
  readonly text: string;
  /** The upstream named by `http://<name>`, when it is a bare name that must be a stream. */
  readonly upstream?: Located<string>;
}

export interface StreamFact {
  readonly name?: Located<string>;
  readonly port?: PortRef;
  readonly group?: Located<string>;
}

export interface RouteEntryFact {
  readonly app: string;
  readonly keySpan: Span;
  readonly entrySpan: Span;
  readonly locations: readonly Located<string>[];
  readonly proxyPasses: readonly ProxyPassFact[];
  readonly stream?: StreamFact;
}

export interface RoutesFacts {
  readonly entries: readonly RouteEntryFact[];
}

export type VariableKind = 'scalar' | 'map' | 'list';

export interface VariableFact {
  /** Dotted path, e.g. `app.pgadmin4.port`. */
  readonly path: string;
  readonly keySpan: Span;
  readonly valueSpan?: Span;
  readonly kind: VariableKind;
  readonly scalar?: string | number | boolean | null;
}

export interface GroupFact {
  readonly name: string;
  readonly span: Span;
}

/** One group as an inventory source declares it: its own hosts, its child groups and its inline vars. */
export interface GroupMembersFact {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly children: readonly string[];
  readonly vars: readonly VariableFact[];
}

/** The variables written in one place for a group: its YAML `vars`, or one `[group:vars]` section. */
export interface GroupVarsFact {
  readonly group: string;
  readonly vars: VariableFact[];
}

/** The variables written on a host's own line (INI) or under the host (YAML). */
export interface HostVarsFact {
  readonly host: string;
  readonly vars: readonly VariableFact[];
}

export interface InventoryFacts {
  readonly groups: readonly GroupFact[];
  /** Every variable the source writes, whoever it is for: for the editor features that list them. */
  readonly variables: readonly VariableFact[];
  /** Membership and vars by group and by host, in the order written: what per-host resolution reads. */
  readonly members: readonly GroupMembersFact[];
  /** One entry per place a host is given vars, in file order: a later one is read over an earlier one. */
  readonly hostVars: readonly HostVarsFact[];
  /** Likewise for groups: Ansible sets a group's vars in file order too. */
  readonly groupVars: readonly GroupVarsFact[];
}
