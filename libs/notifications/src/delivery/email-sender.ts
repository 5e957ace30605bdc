import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationsConfig } from '../notifications-config';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one e-mail over SMTP (nodemailer); throws when the server refuses or is away. */
export class SmtpEmailSender {
  private readonly transport: Transporter;

  constructor(private readonly smtp: NonNullable<NotificationsConfig['smtp']>) {
    this.transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: EmailMessage, headers: Record<string, string> = {}): Promise<void> {
    await this.transport.sendMail({ from: this.smtp.from, ...message, headers });
  }

  close(): void {
    this.transport.close();
  }
}
