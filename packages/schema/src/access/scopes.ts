import { API_SCOPES, type ApiScopeName } from '../auth/key-scopes';
import { builder } from '../builder';

export { type ApiScopeName, scopeName, scopeValue } from '../auth/key-scopes';

export const ApiScopeEnum = builder.enumType('ApiScope', {
  description: 'A permission an API key carries. Keys act for their partner organisation within these scopes only.',
  values: Object.fromEntries(
    Object.entries(API_SCOPES).map(([name, { description }]) => [name, { description }]),
  ) as Record<ApiScopeName, { description: string }>,
});
