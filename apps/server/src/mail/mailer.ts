// Outgoing mail. Without SMTP configured nothing is sent and callers hand the link back through the API.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly enabled: boolean;
  /** Resolves true when the server accepted the message; false when mail is disabled or sending failed. */
  send(message: MailMessage): Promise<boolean>;
  close(): void;
}

export const disabledMailer: Mailer = { enabled: false, send: async () => false, close: () => undefined };

export function createSmtpMailer(opts: { url: string; from: string }, logger: Logger): Mailer {
  const transport = nodemailer.createTransport(opts.url);
  return {
    enabled: true,
    async send(message) {
      try {
        await transport.sendMail({ from: opts.from, ...message });
        return true;
      } catch (err) {
        logger.warn({ err: (err as Error).message, to: message.to }, 'mail could not be sent');
        return false;
      }
    },
    close: () => transport.close(),
  };
}
