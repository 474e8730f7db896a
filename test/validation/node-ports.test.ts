import { nodePortClashes } from '../../src/validation/node-ports';

describe('nodePortClashes', () => {
  test('names the first owner of each port and every other one', () => {
    const clashes = nodePortClashes([
      { owner: 'web', nodePort: 30080 },
      { owner: 'admin', nodePort: 30080 },
      { owner: 'api', nodePort: 30081 },
      { owner: 'web', nodePort: 30080 },
    ]);
    expect(clashes).toEqual([
      { first: 'web', isFirst: true, others: ['admin'] },
      { first: 'web', isFirst: false, others: ['web', 'web'] },
      { first: 'api', isFirst: true, others: [] },
      { first: 'web', isFirst: false, others: ['admin'] },
    ]);
  });
});
