import { it } from 'vitest';
import { startTestServer } from './support/server';
import { globalId } from './support/ids';
it('dbg', async () => {
  const api = await startTestServer({ seeded: true });
  const s = (await api.gql(`{ sentra(first: 1) { nodes { id } } }`)).data!.sentra.nodes[0].id;
  const unknown = globalId('Sentra', '0190a0a0-0000-7000-8000-000000000000');
  console.log(JSON.stringify(await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [unknown, s] })));
  console.log(JSON.stringify(await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: unknown })));
  await api.close();
});
