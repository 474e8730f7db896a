import { ImagePolicy, imageReferenceProblem, imageVersion } from '../../src/core/image-ref';

describe('image policy', () => {
  test.each([
    ['eshop/catalog-api:1.0.0', undefined],
    [`eshop/catalog-api@sha256:${'a'.repeat(64)}`, undefined],
    ['eshop/catalog-api', 'must have a tag or digest'],
    ['eshop/catalog-api:latest', 'must not use the tag "latest"'],
  ])('REQUIRE_PINNED judges %s', (image, rule) => {
    expect(imageReferenceProblem(image, ImagePolicy.REQUIRE_PINNED)?.rule.slice(0, rule?.length)).toBe(rule);
  });

  test('ALLOW_UNPINNED lets untagged and latest images through, but not a broken reference', () => {
    expect(imageReferenceProblem('nginx', ImagePolicy.ALLOW_UNPINNED)).toBeUndefined();
    expect(imageReferenceProblem('datalust/seq:latest', ImagePolicy.ALLOW_UNPINNED)).toBeUndefined();
    expect(imageReferenceProblem('eshop/Catalog.API:1.0', ImagePolicy.ALLOW_UNPINNED)).toEqual({
      rule: expect.stringContaining('has an invalid repository path'),
      fix: 'use "eshop/catalog.api:1.0"',
    });
  });

  test('the fix of an unpinned image names the policy that allows it', () => {
    expect(imageReferenceProblem('redis')!.fix).toBe('pin a version such as "redis:1.0.0", or pass imagePolicy: ImagePolicy.ALLOW_UNPINNED for an image you do not build');
  });
});

describe('image version', () => {
  test.each([
    ['eshop/catalog-api:1.4.0', '1.4.0'],
    ['redis:7.4-alpine', '7.4-alpine'],
    ['localhost:5000/catalog-api', undefined],
    [`eshop/catalog-api@sha256:${'a'.repeat(64)}`, undefined],
    [`eshop/catalog-api:${'v'.repeat(70)}`, 'v'.repeat(63)],
    ['eshop/catalog-api:1.0-', '1.0'],
  ])('of %s is %s', (image, version) => {
    expect(imageVersion(image)).toBe(version);
  });
});
