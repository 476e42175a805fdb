import { builder } from './builder';
import './common/scalars';
import './district/queries';
import './sentra/queries';
import './sentra/mutations';
import './access/viewer-query';
import './access/mutations';
import './audit/queries';

/** The whole GraphQL schema; importing a module registers its types on the builder. */
export const schema = builder.toSchema({ sortSchema: true });
