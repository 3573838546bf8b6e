export { sendEmail, type OutgoingEmail, type SentEmail } from './transport';
export { mailConfig, type MailConfig } from './config';
export { renderEmail, type RenderedEmail } from './render';
