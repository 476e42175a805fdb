import { completeListsInSlices } from './common/list-slices';
import { isInterfaceType } from 'graphql';
import { documentPolicies } from './auth/policy-docs';
import { builder, nodeTypeNames } from './builder';
import './common/scalars';
import './regency/queries';
import './district/queries';
import './sentra/queries';
import './sentra/mutations';
import './enterprise/queries';
import './enterprise/mutations';
import './enterprise/products';
import './enterprise/figures';
import './access/viewer-query';
import './access/mutations';
import './audit/queries';
import './partner/queries';
import './partner/mutations';
import './opportunity/queries';
import './opportunity/mutations';
import './financing/types';
import './financing/needs';
import './financing/prospect';
import './financing/leads';
import './financing/pipeline-mutations';
import './financing/consent-requests';
import './consent/types';
import './consent/mutations';
import './matching/fields';
import './forum/types/objects';
import './forum/queries';
import './forum/mutations/lifecycle';
import './forum/registration';
import './forum/mutations/requests';
import './forum/mutations/scheduling';
import './forum/mutations/organisers';
import './forum/day-of';
import './forum/outcomes';
import './forum/statistics';
import './forum/agenda';
import './webhook/mutations';
import './events/subscription';
import './report/queries';
import './consortium/mutations';
import './consortium/queries';
import './saved-search/mutations';

/** The whole GraphQL schema; importing a module registers its types on the builder. */
export const schema = builder.toSchema({ sortSchema: true });
documentPolicies(schema);
completeListsInSlices(schema);

const nodeInterface = schema.getType('Node');
if (isInterfaceType(nodeInterface)) {
  for (const type of schema.getPossibleTypes(nodeInterface)) nodeTypeNames.add(type.name);
}
