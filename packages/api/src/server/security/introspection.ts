import { isStaff, type Viewer } from '@temu-bisnis/schema/auth/viewer';
import { type DocumentNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { IntrospectionPolicy } from '../../config';
import { requestError } from './errors';

/**
 * INTROSPECTION=on|off|staff. Checked at execution, not validation, because only then is the
 * caller known (the viewer is in the context); `__typename` is not introspection and stays open.
 */
export function useIntrospectionPolicy(policy: IntrospectionPolicy): Plugin<{ viewer: Viewer }> {
  if (policy === 'on') return {};
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!introspects(args.document)) return;
      if (policy === 'staff' && isStaff(args.contextValue.viewer)) return;
      const message =
        policy === 'staff'
          ? 'Schema introspection is open to Disperin staff only. ' +
            'Partners: use the typed SDK or the published schema.graphql.'
          : 'Schema introspection is turned off on this server. Use the published schema.graphql.';
      setResultAndStopExecution({ errors: [requestError(message, 'FORBIDDEN', 403)] });
    },
  };
}

const introspecting = new WeakMap<DocumentNode, boolean>();

/** Any __schema or __type field anywhere in the document counts (once per parsed document). */
function introspects(document: DocumentNode): boolean {
  let found = introspecting.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  introspecting.set(document, found);
  return found;
}
