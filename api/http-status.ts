import type { GrpcCodeValue } from '../common/errors';

/** gRPC code to HTTP status, as grpc-gateway v2 maps them (the contract's table 2.4). */
const HTTP_STATUS: Record<number, number> = {
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  12: 501,
  13: 500,
  14: 503,
  16: 401,
};

export function httpStatusOf(code: GrpcCodeValue): number {
  return HTTP_STATUS[code] ?? 500;
}
