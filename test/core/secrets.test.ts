import { looksSecret, looksSecretName, looksSecretValue, redact, redactValue, REDACTED } from '../../src/core/secrets';

describe('secret names', () => {
  test.each([
    // the words of the rule, as the compose files of real apps write them
    'DB_PASS', 'RABBITMQ_DEFAULT_PASS', 'SMTP_PASS', 'PGPASSWORD', 'POSTGRES_PASSWORD', 'MSSQL_SA_PASSWORD', 'SA_PASSWORD',
    'MYSQL_ROOT_PASSWORD', 'REDIS_PASSWD', 'SSH_PASSPHRASE', 'DB_PWD', 'JWT_SECRET', 'JWTSECRET', 'NEXTAUTH_SECRET',
    'ClientSecret', 'MINIO_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'API_KEY', 'APIKEY', 'ApiKey',
    'KEY', 'Jwt__SigningKey', 'STRIPE_KEYS', 'GITHUB_TOKEN', 'ApiToken', 'AccessToken', 'ACCESSTOKEN', 'GOOGLE_CREDENTIALS',
    'AzureCredential', 'BASIC_AUTH', 'AUTH', 'Auth__Key', 'PRIVATE_KEY', 'PrivateKey', 'SSL_PRIVATE',
    'ASPNETCORE_Kestrel__Certificates__Default__Password', 'ConnectionStrings__Password', 'gitlab-token', 'x.api.key',
  ])('%s is a secret name', name => {
    expect(looksSecretName(name)).toBe(true);
  });

  test.each([
    // near misses: the secret words inside other words
    'MONKEY', 'TURNKEY_HOST', 'KEYCLOAK_REALM', 'BYPASS_CACHE', 'PASSENGER_COUNT', 'COMPASS_URL', 'AUTHOR', 'AUTHENTICATION_SCHEME',
    'OAUTH_CLIENT_ID', 'TOKENIZER_MODEL', 'PASSPORT_NUMBER', 'OLDPWD',
    // the shell's working directory
    'PWD',
    // about a secret, not the secret: where it is, whether it is used, its shape
    'PASSWORD_FILE', 'POSTGRES_PASSWORD_FILE', 'GF_SECURITY_ADMIN_PASSWORD__FILE', 'TOKEN_URL', 'AUTH_URL', 'AUTH_ENABLED',
    'KeyVaultName', 'JWT_SECRET_PATH', 'PASSWORD_MIN_LENGTH', 'REFRESH_TOKEN_TTL', 'TOKEN_EXPIRY', 'KEY_ALGORITHM',
    // ordinary configuration
    'ASPNETCORE_ENVIRONMENT', 'Catalog__PageSize', 'EventBusConnection', 'REDIS_HOST', 'DB_USER', 'RABBITMQ_DEFAULT_USER', '', '___',
  ])('%s is not a secret name', name => {
    expect(looksSecretName(name)).toBe(false);
  });
});

describe('secret values', () => {
  test.each([
    ['https://user:TOKEN@github.com/org/repo.git', `https://user:${REDACTED}@github.com/org/repo.git`],
    ['redis://:s3cret@cache:6379/0', `redis://:${REDACTED}@cache:6379/0`],
    ['amqp://guest:guest@rabbitmq:5672', `amqp://guest:${REDACTED}@rabbitmq:5672`],
    ['postgres://app:p%40ss@db/app?sslmode=disable', `postgres://app:${REDACTED}@db/app?sslmode=disable`],
    ['Bearer eyJhbGciOi.payload.sig', `Bearer ${REDACTED}`],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', `Authorization: Basic ${REDACTED}`],
    ['Server=sql;Database=catalog;User Id=sa;Password=Pass@word1;', `Server=sql;Database=catalog;User Id=sa;Password=${REDACTED};`],
    ['Host=db;Username=app;Pwd=x', `Host=db;Username=app;Pwd=${REDACTED}`],
    ['Server=db; password = "a b;c"', `Server=db; password = "${REDACTED}"`],
    ['DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k+/=;', `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${REDACTED};`],
    ['Endpoint=sb://bus/;SharedAccessKeyName=Root;SharedAccessKey=abc=', `Endpoint=sb://bus/;SharedAccessKeyName=Root;SharedAccessKey=${REDACTED}`],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', `-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----`],
    ['ghp_0123456789abcdefghijABCDEFGHIJ', REDACTED],
    ['AKIAIOSFODNN7EXAMPLE', REDACTED],
    ['DB_PASSWORD=hunter2', `DB_PASSWORD=${REDACTED}`],
    ['{"A":"1","DB_PASSWORD":"hunter2"}', `{"A":"1","DB_PASSWORD":"${REDACTED}"}`],
  ])('%j looks secret and is redacted to %j', (value, redacted) => {
    expect(looksSecretValue(value)).toBe(true);
    expect(redact(value)).toBe(redacted);
  });

  test.each([
    'amqp://rabbitmq:5672', 'http://catalog-api:8080/api/v1', 'ssh://git@github.com/org/repo', 'Server=sql;Database=catalog;User Id=sa',
    'Basic authentication is off', 'Bearer', 'shop/catalog:1.0.0', 'PASSWORD_FILE=/run/secrets/db', 'basket.data:6379,abortConnect=false',
    '[docker-compose.yml:5:7] fromCompose: services.a.environment.DB_PASSWORD must be a string', '[secrets.yml:12:3] fromCompose: secrets.db is not mapped', '',
  ])('%j does not look secret and stays as it is', value => {
    expect(looksSecretValue(value)).toBe(false);
    expect(redact(value)).toBe(value);
  });

  test('a name/value pair is secret by its name or by its value', () => {
    expect(looksSecret('DB_PASSWORD', 'x')).toBe(true);
    expect(looksSecret('EventBus', 'amqp://user:pw@rabbitmq')).toBe(true);
    expect(looksSecret('EventBus', 'amqp://rabbitmq')).toBe(false);
  });
});

describe('redacting values for messages', () => {
  test('hides the whole value of a secret name, and the secret parts of other values', () => {
    expect(redactValue('DB_PASSWORD', 'hunter2')).toBe(REDACTED);
    expect(redactValue('DB_PASSWORD', '')).toBe('');
    expect(redactValue('EventBus', 'amqp://u:p@rabbitmq')).toBe(`amqp://u:${REDACTED}@rabbitmq`);
    expect(redactValue('image', 'shop/catalog:1.0.0')).toBe('shop/catalog:1.0.0');
  });

  test('hides secrets inside mappings and lists, by the key of each member', () => {
    expect(redactValue('environment', { A: '1', DB_PASSWORD: 'x', PIN_TOKEN: 1234, nested: ['Bearer abcdefgh12'] })).toEqual({
      A: '1', DB_PASSWORD: REDACTED, PIN_TOKEN: REDACTED, nested: [`Bearer ${REDACTED}`],
    });
    expect(redactValue('environment', ['A=1', 'DB_PASSWORD=x'])).toEqual(['A=1', `DB_PASSWORD=${REDACTED}`]);
  });

  test('keeps a member named __proto__ as a member', () => {
    const redacted = redactValue('x', JSON.parse('{"__proto__":"Bearer abcdefgh12"}')) as object;
    expect(Object.keys(redacted)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
  });
});
