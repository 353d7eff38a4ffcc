/**
 * botbuilder's CloudAdapter with one public entry that returns the turn's invoke response and lets
 * failures propagate. `CloudAdapter.process` catches them itself and answers with the error's own
 * message as the body (a DNS error, botframework internals) and a console line; `/api/messages`
 * instead hands them to the central error handler (stable code, Retry-After on outages, a log line).
 */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

export class HttpCloudAdapter extends CloudAdapter {
  /** Authenticates and runs one incoming activity; rejects with the original error. */
  receive(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
