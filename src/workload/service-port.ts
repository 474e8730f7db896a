import * as kplus from 'cdk8s-plus-28';

/**
 * A port a container listens on. It is a port of the container and, with the same number and
 * protocol, a port of the Service in front of it (as a port is reachable on a compose network).
 */
export interface ServicePort {
  /** The port number, 1-65535. */
  readonly port: number;

  /**
   * The protocol.
   *
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * The port's name (an IANA service name: at most 15 lowercase letters, digits and '-').
   *
   * @default - `<protocol>-<port>`, such as "tcp-5672" or "udp-53"
   */
  readonly name?: string;
}
