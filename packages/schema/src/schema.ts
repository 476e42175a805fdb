import { builder } from './builder';
import './common/scalars';
import './district/queries';
import './sentra/queries';
import './sentra/mutations';

/** The whole GraphQL schema; importing a module registers its types on the builder. */
export const schema = builder.toSchema({ sortSchema: true });
