/**
 * The run-time types of the ManifestValidator's arguments (see core/prop-types). Not exported from
 * the package; the stack reuses the options' types.
 */
import type { ManifestFinding, ManifestValidatorOptions } from './options';
import { PropsSpec, required, types as t } from '../core/prop-types';

const NAMES = t.strings('["shop-tls"]');

export const MANIFEST_VALIDATOR_OPTIONS: PropsSpec<ManifestValidatorOptions> = {
  types: {
    defaultNamespace: t.string('shop'),
    externalConfigMaps: NAMES,
    externalSecrets: NAMES,
    externalClaims: NAMES,
    externalServices: NAMES,
    podSecurityExempt: t.strings('["Deployment/shop/legacy"]'),
    skipPodSecurity: t.boolean(),
  },
  required: false,
  example: '{ externalSecrets: ["shop-tls"] }',
};

export const MANIFEST_FINDING: PropsSpec<ManifestFinding> = {
  types: {
    kind: required(t.string('Deployment')),
    namespace: required(t.string('shop')),
    name: required(t.string('catalog')),
    rule: required(t.string('service-selects-pods')),
    message: required(t.string('selects no pods')),
    path: t.string('shop/catalog'),
  },
  required: true,
  example: 'a finding of ManifestValidator.validateManifests(...)',
};

/** Synthesized manifests: objects such as Testing.synth(chart) returns. */
export const MANIFESTS = required(t.arrayOf(t.object<object>({}, '{ apiVersion: "v1", kind: "Service", metadata: { name: "catalog" } }'), 'manifest objects'));

/** A construct whose tree is checked. */
export const SCOPE = required(t.implementing('construct', ['node'], 'pass a Chart or an App'));
