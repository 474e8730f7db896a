import { errorLines, parseMessages } from '../../playground/src/messages';

const FILES = ['docker-compose.yml', 'docker-compose.override.yml', '.env'];

describe('the library\'s messages, as the page lists them', () => {
  test('a compose warning has its file, line, column, key and text', () => {
    const [m] = parseMessages(['[docker-compose.yml:24:9] fromCompose: services.webapigw.volumes[0] "./x" does not exist'], 'warning', FILES);
    expect(m).toEqual({
      severity: 'warning',
      text: '[docker-compose.yml:24:9] fromCompose: services.webapigw.volumes[0] "./x" does not exist',
      file: 'docker-compose.yml',
      line: 24,
      col: 9,
      source: 'fromCompose',
      key: 'services.webapigw.volumes[0]',
      detail: '"./x" does not exist',
    });
  });

  test('a quoted key keeps its spaces', () => {
    const [m] = parseMessages(['[docker-compose.yml:3:3] fromCompose: services["my api"].ports is odd'], 'warning', FILES);
    expect(m.key).toBe('services["my api"].ports');
    expect(m.detail).toBe('is odd');
  });

  test('a stack warning names its construct path, not a file', () => {
    const [m] = parseMessages(['[eshop/catalog-api] MicroserviceStack: secrets X are literal'], 'warning', FILES);
    expect(m).toMatchObject({ path: 'eshop/catalog-api', source: 'MicroserviceStack', detail: 'secrets X are literal' });
    expect(m.file).toBeUndefined();
  });

  test('a file without a line is still a file', () => {
    const [m] = parseMessages(['[.env] fromCompose: TAG is set twice'], 'error', FILES);
    expect(m).toMatchObject({ file: '.env', key: 'TAG' });
    expect(m.line).toBeUndefined();
  });

  test('a line in no known shape is kept whole', () => {
    expect(parseMessages(['something broke'], 'error', FILES)).toEqual([{ severity: 'error', text: 'something broke', detail: 'something broke' }]);
  });

  test('errors are split into one message per problem, without cdk8s\' header', () => {
    const composeError = Object.assign(new Error('a\nb'), { problems: ['[docker-compose.yml:1:1] fromCompose: x bad', '[docker-compose.yml:2:1] fromCompose: y bad'] });
    expect(errorLines(composeError)).toHaveLength(2);
    const lines = errorLines(new Error('Validation failed with the following errors:\n  [eshop] MicroserviceStack: z'));
    expect(parseMessages(lines, 'error', FILES).map(m => m.path)).toEqual(['eshop']);
  });
});
