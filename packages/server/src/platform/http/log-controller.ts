import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One log line per request, without personal data: method, route pattern (not the URL, whose query
 * string carries search terms), status, time and the request id. Nothing on arrival.
 */
export class KithLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: { type: error.name, message: error.message } }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
