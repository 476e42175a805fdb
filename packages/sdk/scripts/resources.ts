/**
 * The SDK's resource namespaces, generated from the operation documents (as octokit generates its
 * endpoint methods): a line `# @sdk-namespace <property> <Class> [base=<Class> from=<module>]` in a
 * .graphql file's header makes a namespace, and a line `# @sdk <property>.<method> [options]` just
 * above an operation makes a method that runs it. The `#` lines above that (without @) are the
 * method's documentation.
 *
 * Options of a method:
 *   args=a,b         positional arguments taken from those variables (`input.id`: the argument is
 *                    the input's `id`); the operation's other variables come after them as one object
 *   returns=a.b      the method returns this path of `data` (or of the node, with node=)
 *   node=<variable>  the operation reads `node(id: $<variable>)`: a node of another type is absent
 *   missing=null|empty|error   what an absent node gives: null (default), an empty page, or a
 *                    NOT_FOUND ValidationError on the argument
 *   iterate=<name>   also a method that walks every page of this one
 *   payload=<field> result=a[!],b   a mutation: its payload field, and the object(s) it returns
 *                    (`!`: must be present, else the payload's userErrors are thrown)
 */
import { Kind, type OperationDefinitionNode, parse, type TypeNode } from 'graphql';

interface Method {
  namespace: string;
  name: string;
  doc: string[];
  operation: string;
  kind: 'query' | 'mutation';
  variables: { name: string; required: boolean }[];
  options: Record<string, string>;
}

interface Namespace {
  property: string;
  className: string;
  base: string | undefined;
  from: string | undefined;
  doc: string[];
}

export interface OperationFile {
  name: string;
  text: string;
}

const required = (type: TypeNode) => type.kind === Kind.NON_NULL_TYPE;

function options(words: string[]): Record<string, string> {
  return Object.fromEntries(
    words.map((w) => {
      const [key, value] = w.split('=');
      if (!key || value === undefined) throw new Error(`@sdk option "${w}" is not key=value.`);
      return [key, value];
    }),
  );
}

/** The comment lines right above line `index`, without the `# `. */
function commentAbove(lines: string[], index: number): string[] {
  const doc: string[] = [];
  for (let i = index - 1; i >= 0 && lines[i]!.startsWith('#'); i -= 1) doc.unshift(lines[i]!.replace(/^# ?/, ''));
  return doc;
}

function read(files: readonly OperationFile[]): { namespaces: Namespace[]; methods: Method[] } {
  const namespaces: Namespace[] = [];
  const methods: Method[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    const definitions = new Map(
      parse(file.text)
        .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && !!d.name)
        .map((d) => [d.name!.value, d]),
    );
    lines.forEach((line, index) => {
      const ns = /^# @sdk-namespace (\w+) (\w+)(.*)$/.exec(line);
      if (ns) {
        const opts = options(ns[3]!.trim().split(/\s+/).filter(Boolean));
        // The namespace's documentation: the rest of the comment block the line stands in.
        let end = index + 1;
        while (lines[end]?.startsWith('#')) end += 1;
        const doc = commentAbove(lines, end).filter((l) => !l.startsWith('@'));
        namespaces.push({ property: ns[1]!, className: ns[2]!, base: opts.base, from: opts.from, doc });
        return;
      }
      const m = /^# @sdk (\w+)\.(\w+)(.*)$/.exec(line);
      if (!m) return;
      const operationLine = lines[index + 1] ?? '';
      const op = /^(query|mutation) (\w+)/.exec(operationLine);
      if (!op) throw new Error(`${file.name}: "# @sdk ${m[1]}.${m[2]}" must stand right above a query or mutation.`);
      const definition = definitions.get(op[2]!)!;
      methods.push({
        namespace: m[1]!,
        name: m[2]!,
        doc: commentAbove(lines, index).filter((l) => !l.startsWith('@')),
        operation: op[2]!,
        kind: op[1] as Method['kind'],
        variables: (definition.variableDefinitions ?? []).map((v) => ({
          name: v.variable.name.value,
          required: required(v.type) && !v.defaultValue,
        })),
        options: options(m[3]!.trim().split(/\s+/).filter(Boolean)),
      });
    });
  }
  return { namespaces, methods };
}

function jsdoc(lines: readonly string[], indent: string): string {
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** A method's parameters and the variables object it sends. */
function signature(method: Method, vars: string): { params: string[]; restType: string | undefined; restOptional: boolean; variables: string; argNames: string[] } {
  const args = method.options.args ? method.options.args.split(',') : [];
  const params: string[] = [];
  const argNames: string[] = [];
  const taken = new Set<string>();
  const fields: string[] = [];
  for (const arg of args) {
    const [variable, sub] = arg.split('.') as [string, string | undefined];
    taken.add(variable);
    const name = sub ?? variable;
    argNames.push(name);
    params.push(`${name}: ${vars}['${variable}']${sub ? `['${sub}']` : ''}`);
    fields.push(sub ? `${variable}: { ${sub} }` : variable);
  }
  const rest = method.variables.filter((v) => !taken.has(v.name));
  if (rest.length === 0) return { params, restType: undefined, restOptional: true, variables: `{ ${fields.join(', ')} }`, argNames };
  const restType = taken.size ? `Omit<${vars}, ${[...taken].map((t) => `'${t}'`).join(' | ')}>` : vars;
  const variables = fields.length ? `{ ...variables, ${fields.join(', ')} }` : 'variables';
  return { params, restType, restOptional: rest.every((v) => !v.required), variables, argNames };
}

function queryMethod(method: Method): string {
  const vars = `G.${method.operation}QueryVariables`;
  const { params, restType, restOptional, variables, argNames } = signature(method, vars);
  const o = method.options;
  const restParam = restType ? [`variables: ${restType}${restOptional ? ' = {}' : ''}`] : [];
  const all = [...params, ...restParam, 'options?: RequestOptions'];
  const path = o.returns ? `.${o.returns.split('.').join('.')}` : '';
  let result: string;
  if (!o.node) result = `data${path}`;
  else if (o.missing === 'error') result = `nodeOrThrow(data.node, '${o.node}')${path}`;
  else if (o.missing === 'empty') result = `nodeOf(data.node)?${path} ?? EMPTY_PAGE`;
  else result = path ? `nodeOf(data.node)?${path} ?? null` : 'nodeOf(data.node)';
  let code = `${jsdoc(method.doc, '  ')}  async ${method.name}(${all.join(', ')}) {
    const data = await this.query(G.${method.operation}Document, ${variables}, options);
    return ${result};
  }
`;
  if (o.iterate) {
    const iterParams = [...params, ...(restType ? [`variables: IterateVariables<${restType}>${restOptional ? ' = {}' : ''}`] : []), 'options?: RequestOptions'];
    code += `
  /** Every item of ${method.name}, page after page (\`pageSize\` items per request, up to 100). */
  ${o.iterate}(${iterParams.join(', ')}) {
    return everyPage((page) => this.${method.name}(${[...argNames, 'page', 'options'].join(', ')}), ${restType ? 'variables' : '{}'});
  }
`;
  }
  return code;
}

function mutationMethod(method: Method): string {
  const vars = `G.${method.operation}MutationVariables`;
  const { params, variables } = signature(method, vars);
  const { payload, result } = method.options;
  if (!payload || !result) throw new Error(`${method.operation}: a mutation needs payload= and result=.`);
  const fields = result.split(',').map((f) => ({ name: f.replace(/!$/, ''), required: f.endsWith('!') }));
  const pick =
    fields.length === 1
      ? `(p) => p.${fields[0]!.name}`
      : `(p) => (${fields
          .filter((f) => f.required)
          .map((f) => `p.${f.name}`)
          .join(' && ')} ? { ${fields.map((f) => `${f.name}: p.${f.name}`).join(', ')} } : null)`;
  return `${jsdoc(method.doc, '  ')}  async ${method.name}(${[...params, 'options?: RequestOptions'].join(', ')}) {
    return this.mutate(G.${method.operation}Document, ${variables}, options, (d) => d.${payload}, ${pick});
  }
`;
}

const HEADER = `// The SDK's resource namespaces, one method per operation document.
// Generated by \`pnpm --filter @temu-bisnis/sdk run codegen\` from the \`# @sdk\` lines of
// packages/sdk/src/operations/*.graphql. Do not edit: change the .graphql documents and run it again.
`;

/** generated/resources.ts from the operation documents. */
export function generateResources(files: readonly OperationFile[]): string {
  const { namespaces, methods } = read(files);
  const known = new Set(namespaces.map((n) => n.property));
  for (const m of methods) if (!known.has(m.namespace)) throw new Error(`${m.operation}: no "# @sdk-namespace ${m.namespace} …" line.`);
  const imports = new Map<string, string[]>();
  for (const n of namespaces) if (n.base && n.from) imports.set(n.from, [...(imports.get(n.from) ?? []), n.base]);
  const classes = namespaces.map((n) => {
    const body = methods
      .filter((m) => m.namespace === n.property)
      .map((m) => (m.kind === 'query' ? queryMethod(m) : mutationMethod(m)))
      .join('\n');
    return `${jsdoc(n.doc, '')}export class ${n.className} extends ${n.base ?? 'Resource'} {\n${body}}\n`;
  });
  return `${HEADER}
import type { IterateVariables } from '../pagination';
import { EMPTY_PAGE, everyPage, nodeOf, nodeOrThrow, Resource } from '../resource';
import type { RequestOptions, Transport } from '../transport';
${[...imports].map(([from, names]) => `import { ${names.join(', ')} } from '${from}';`).join('\n')}
import * as G from './graphql';

${classes.join('\n')}
/** Every namespace of the client: \`client.${namespaces[0]?.property}\`, … */
export class Resources {
${namespaces.map((n) => `  readonly ${n.property}: ${n.className};`).join('\n')}

  constructor(transport: Transport) {
${namespaces.map((n) => `    this.${n.property} = new ${n.className}(transport);`).join('\n')}
  }
}
`;
}
