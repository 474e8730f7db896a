import { excerptPattern, excerptPatterns, matches, mismatch, nodesOf } from './excerpt';

const deployment = {
  kind: 'Deployment',
  metadata: { labels: { app: 'basket' }, name: 'basket', namespace: 'scaling' },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'eshop/basket-api:1.0.0', ports: [{ containerPort: 8080, name: 'http' }] },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.31.2' },
        ],
      },
    },
  },
};

/** Whether some node of the deployment is what the excerpt shows. */
function found(excerpt: string): boolean {
  const pattern = excerptPattern(excerpt);
  return [...nodesOf(deployment)].some(node => matches(pattern, node));
}

describe('a YAML excerpt', () => {
  test('matches a sub-tree at any depth, indented as in the output', () => {
    expect(found(`
          - name: proxy
            image: envoyproxy/envoy:v1.31.2`)).toBe(true);
    expect(found(`
    spec:
      containers:
        - name: app
          image: eshop/basket-api:1.0.0
          ports:
            - containerPort: 8080
              name: http
        - name: proxy
          image: envoyproxy/envoy:v1.31.2`)).toBe(true);
  });

  test('fails on a value the output does not have', () => {
    expect(found(`
spec:
  replicas: 4
  # ...`)).toBe(false);
  });

  test('must show every key of a mapping unless a "# ..." line in it leaves some out', () => {
    // GIVEN metadata shown without its labels
    const withoutMarker = 'kind: Deployment\nmetadata:\n  name: basket\n  namespace: scaling';
    const withMarker = 'kind: Deployment\nmetadata:\n  # ...\n  name: basket\n  namespace: scaling';
    // THEN only the excerpt that says so matches, and the other says what it left out
    expect(found(withoutMarker)).toBe(false);
    expect(mismatch(excerptPattern(withoutMarker), deployment, '')).toBe('.metadata: the output also has labels (mark them with "# ...")');
    expect(found(withMarker)).toBe(true);
  });

  test('must show every item of a list unless a "# ..." line in it leaves some out, and keeps their order', () => {
    const containers = (items: string) => `containers:\n${items}`;
    expect(found(containers('  - name: proxy\n    image: envoyproxy/envoy:v1.31.2'))).toBe(false);
    expect(found(containers('  # ...\n  - name: proxy\n    image: envoyproxy/envoy:v1.31.2'))).toBe(true);
    expect(found(containers('  - name: proxy\n    # ...\n  - name: app\n    # ...\n  # ...'))).toBe(false);
    expect(found(containers('  - name: app\n    # ...\n  - name: proxy\n    # ...'))).toBe(true);
  });

  test('reads "# ..." lines inside a block scalar as lines left out of the text', () => {
    // GIVEN a ConfigMap whose file is JSON text
    const configMap = { data: { 'yarp.json': '{\n  "Routes": {\n    "catalog": {\n      "ClusterId": "catalog"\n    }\n  }\n}' } };
    const pattern = excerptPattern('data:\n  yarp.json: |\n    {\n      "Routes": {\n    # ...\n          "ClusterId": "catalog"');
    // THEN the pieces between the "# ..." lines are found in order, and a wrong piece is not
    expect(matches(pattern, configMap)).toBe(true);
    expect(matches(excerptPattern('data:\n  yarp.json: |\n    # ...\n          "ClusterId": "basket"'), configMap)).toBe(false);
  });

  test('splits documents at "---", each an excerpt of its own object', () => {
    expect(excerptPatterns('kind: Service\n---\nkind: Deployment\n')).toHaveLength(2);
  });

  test('throws for text that is not YAML', () => {
    expect(() => excerptPattern('spec:\n  replicas: 3\n      template: x')).toThrow();
  });
});
