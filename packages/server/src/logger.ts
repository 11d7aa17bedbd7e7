import pino, { type Logger } from 'pino';

/**
 * JSON logs on stderr (stdout is for the CLI's data). No personal data: request logs carry method,
 * route pattern, status and timing, never query strings, bodies, cookies or tokens.
 */
export function createLogger(level: string, destination: number = 2): Logger {
  return pino(
    {
      level,
      base: { service: 'kith' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.newPassword', '*.currentPassword'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: destination, sync: false }),
  );
}
