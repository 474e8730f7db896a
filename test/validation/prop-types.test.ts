import { ManifestValidator } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the arguments are cast through any.
describe('ManifestValidator from JavaScript', () => {
  test('throws for manifests that are not an array', () => {
    expect(() => ManifestValidator.validateManifests('kind: Service' as any))
      .toThrow(exactly('[ManifestValidator.validateManifests] ManifestValidator: manifests must be an array of manifest objects (got "kind: Service"); pass an array of manifest objects'));
  });

  test('throws for external Secrets given as one string', () => {
    expect(() => ManifestValidator.validateManifests([], { externalSecrets: 'shop-tls' as any }))
      .toThrow(exactly('[ManifestValidator.validateManifests] ManifestValidator: externalSecrets must be an array of strings (got "shop-tls"); pass an array of strings, such as ["shop-tls"]'));
  });

  test('throws for a finding that is null', () => {
    expect(() => ManifestValidator.format(null as any))
      .toThrow(exactly('[ManifestValidator.format] ManifestValidator: finding must be an object (got null); pass an object, such as a finding of ManifestValidator.validateManifests(...)'));
  });
});
