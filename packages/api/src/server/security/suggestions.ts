import type { Plugin } from 'graphql-yoga';

/**
 * "Did you mean …?" lets anyone reconstruct the schema by guessing, even with introspection off.
 * graphql-js can leave the suggestions out itself, both in validation (fields, arguments, enum
 * literals, type names) and in execution (variables coerced to enum values).
 */
export function useHiddenSuggestions(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules) => validateFn(schema, document, rules, { hideSuggestions: true }));
    },
    onExecute({ executeFn, setExecuteFn }) {
      // graphql-tools' executor (yoga's engine) reads the option; envelop's argument type omits it.
      setExecuteFn((args) => executeFn({ ...args, hideSuggestions: true } as typeof args));
    },
  };
}
