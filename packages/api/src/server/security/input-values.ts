import {
  coerceInputValue,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  type OperationDefinitionNode,
  specifiedRules,
  typeFromAST,
  type ValidationContext,
  type ValidationRule,
  ValuesOfCorrectTypeRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';

/**
 * Error messages never repeat what the caller sent: an NPWP or a turnover in a mistyped input
 * would otherwise travel back in the answer and on into logs and monitoring. graphql-js writes the
 * value into two kinds of message, and both are replaced here, at one place:
 * - a variable that does not fit its type ('Variable "$input" got invalid value { …every field… }
 *   at "input.x"; …'): the variables are checked here first, before the executor would, and the
 *   answer names the path and the expected form;
 * - a literal that does not fit ('Expected value of type "Money", found "Rp 1.000"; …', or the
 *   scalar's own message): the validation message is rewritten the same way.
 * Scalars' own messages (Money's "got …") are dropped for the same reason; the expected form comes
 * from the type (its description, for our scalars).
 */
export function useInputValuesOutOfErrors(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules = specifiedRules, ...rest) =>
        validateFn(schema, document, rules.map((rule: ValidationRule) => (rule === ValuesOfCorrectTypeRule ? literalsWithoutValues : rule)), ...rest),
      );
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const errors = variableErrors(args.schema, operation, args.variableValues ?? {});
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}

/**
 * graphql-js's check of literals, reporting what was expected instead of what was found: its own
 * messages quote the literal, and a scalar's message (reported as it is) may quote it too.
 */
const literalsWithoutValues: ValidationRule = (context) => {
  const quiet = Object.create(context) as ValidationContext;
  quiet.reportError = (error) => {
    const type = context.getInputType();
    const message =
      type && isLeafOrNull(error.message)
        ? `Expected value of type "${String(type)}": ${expectedForm(getNamedType(type))}`
        : withoutSuggestion(error.message);
    context.reportError(new GraphQLError(message, { nodes: error.nodes, extensions: error.extensions }));
  };
  return ValuesOfCorrectTypeRule(quiet);
};

/** The variables' problems as the executor would find them, without their values. */
function variableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // Missing or null where required, or not an input type: the executor's messages hold no value.
    if (!type || !isInputType(type) || !Object.hasOwn(inputs, name) || inputs[name] === null) continue;
    coerceInputValue(inputs[name], type, (path, _invalid, error) => {
      const at = path.length > 0 ? ` at "${[name, ...path].join('.')}"` : '';
      const expected = typeAt(type, path);
      const problem = expected && isLeafOrNull(error.message) ? expectedForm(expected) : withoutSuggestion(error.message);
      errors.push(
        requestError(`Variable "$${name}" got an invalid value${at}: ${problem}`, 'BAD_USER_INPUT', 400, { field: [name, ...path.map(String)] }),
      );
    });
  }
  return errors;
}

/** Messages about the shape (a missing or unknown field, not an object) name fields, not values; all others are about a value. */
function isLeafOrNull(message: string): boolean {
  return !/^(Field "[^"]+" (of required type|is not defined)|Expected type "[^"]+" to be an object\.)/.test(message);
}

const withoutSuggestion = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, '');

/** The type expected at a path of field names and list indexes inside a variable. */
function typeAt(type: GraphQLInputType, path: readonly (string | number)[]): GraphQLNamedType | null {
  let current: GraphQLInputType = type;
  for (const key of path) {
    const nullable = getNullableType(current);
    if (isListType(nullable) && typeof key === 'number') current = nullable.ofType;
    else if (isInputObjectType(nullable) && typeof key === 'string' && nullable.getFields()[key]) current = nullable.getFields()[key]!.type;
    else return null;
  }
  // A list given where one item was expected is coerced as one item: the item's type is meant.
  return getNamedType(isNonNullType(current) ? current.ofType : current);
}

const BUILT_IN: Record<string, string> = {
  Int: 'a whole number from -2147483648 to 2147483647.',
  Float: 'a number.',
  String: 'a string.',
  Boolean: 'true or false.',
  ID: 'an ID as a string.',
};

/** What a value of this type looks like, from the schema alone. */
export function expectedForm(type: GraphQLNamedType): string {
  if (isEnumType(type)) return `one of ${type.getValues().map((v) => v.name).join(', ')}.`;
  if (isScalarType(type)) return BUILT_IN[type.name] ?? type.description ?? `a ${type.name}.`;
  if (isInputObjectType(type)) return `an object of type ${type.name}.`;
  return `a ${type.name}.`;
}
