import { fail } from "../error-code.js";

/** `wasi:sockets/network` `network`: a capability with nothing behind it. */
export class Network {}
/** `wasi:sockets/tcp` `tcp-socket`: never created (`create-tcp-socket` is `not-supported`). */
export class TcpSocket {}
/** `wasi:sockets/udp` `udp-socket`: never created (`create-udp-socket` is `not-supported`). */
export class UdpSocket {}
/** `wasi:sockets/udp` datagram streams: never created. */
export class IncomingDatagramStream {}
/** `wasi:sockets/udp` datagram streams: never created. */
export class OutgoingDatagramStream {}
/** `wasi:sockets/ip-name-lookup` `resolve-address-stream`: never created. */
export class ResolveAddressStream {}

/**
 * The `wasi:sockets` interfaces. anywasi gives guests no network sockets (neither does its
 * preview1 side, beyond `sock_accept` on a preopened listener, which 0.2 has no twin for): the
 * interfaces are present so components that import them link, and answer as the WIT documents for
 * a host without the capability — creating a socket is `not-supported`, resolving a name
 * `access-denied`.
 */
export function sockets(): Record<string, Record<string, unknown>> {
  return {
    "wasi:sockets/network": { Network },
    "wasi:sockets/instance-network": { instanceNetwork: () => new Network() },
    "wasi:sockets/tcp": { TcpSocket },
    "wasi:sockets/udp": { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream },
    "wasi:sockets/tcp-create-socket": { createTcpSocket: () => { throw fail("not-supported"); } },
    "wasi:sockets/udp-create-socket": { createUdpSocket: () => { throw fail("not-supported"); } },
    "wasi:sockets/ip-name-lookup": { ResolveAddressStream, resolveAddresses: () => { throw fail("access-denied"); } },
  };
}
