import { SMTPServer } from 'smtp-server';

export type CaughtMail = { to: string[]; raw: string; user: string | null };

/** A real SMTP server on loopback that keeps what it receives, for tests of mail Kith sends. */
/** `auth`: the one login the server accepts (others are refused, as a real server would). */
export async function startMailCatcher(
  options: { auth?: { user: string; pass: string } } = {},
): Promise<{ url: string; mails: CaughtMail[]; waitFor(pred: (m: CaughtMail) => boolean, ms?: number): Promise<CaughtMail>; close(): Promise<void> }> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: (session.user as string | undefined) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(pred, ms = 5000) {
      const t0 = Date.now();
      for (;;) {
        const m = mails.find(pred);
        if (m) return m;
        if (Date.now() - t0 > ms) throw new Error('no such mail arrived');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The text of a (quoted-printable) mail body, soft line breaks joined. */
export function mailText(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
