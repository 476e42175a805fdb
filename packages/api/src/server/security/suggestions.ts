import type { Plugin } from 'graphql-yoga';
import { revised } from './errors';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * "Did you mean …?" lets anyone reconstruct the schema by guessing, even with introspection off.
 * Validation: graphql-js leaves suggestions out itself (fields, arguments, enum literals, type
 * names). Execution: graphql-tools' executor does not pass that option on to enum parsing of
 * variables ("Did you mean the enum value …?"), so suggestions are cut from those messages.
 */
export function useHiddenSuggestions(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules) => validateFn(schema, document, rules, { hideSuggestions: true }));
    },
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || !result.errors?.some((e) => e.message.includes('Did you mean'))) return;
        setResult({
          ...result,
          errors: result.errors.map((error) => revised(error, error.message.replace(SUGGESTION, ''))),
        });
      },
    }),
  };
}
