// The one way popup and pages talk to the background: typed, with a retry when the worker was asleep.
import type { Envelope, ErrorAnswer, MessageName, Request, Response } from './messages.js';
import { nativeApi } from './native.js';

export class MessageError extends Error {
  override name = 'MessageError';
}

function isErrorAnswer(value: unknown): value is ErrorAnswer {
  return typeof value === 'object' && value !== null && typeof (value as ErrorAnswer).ledeError === 'string';
}

const WORKER_GONE = /Receiving end does not exist|Could not establish connection|message port closed/i;

/** Sends one message to the background and returns its typed answer, or throws a MessageError. */
export async function send<K extends MessageName>(type: K, payload: Request<K>): Promise<Response<K>> {
  const envelope: Envelope<K> = { lede: 1, type, payload };
  for (let attempt = 0; ; attempt++) {
    try {
      const answer: unknown = await nativeApi().runtime.sendMessage(envelope);
      if (isErrorAnswer(answer)) throw new MessageError(answer.ledeError);
      if (answer === undefined) throw new MessageError(`The background did not answer "${type}".`);
      return answer as Response<K>;
    } catch (error) {
      // A stopped service worker is woken by the first message; one retry covers the gap.
      if (attempt < 2 && error instanceof Error && WORKER_GONE.test(error.message)) {
        await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
        continue;
      }
      if (error instanceof MessageError) throw error;
      throw new MessageError(error instanceof Error ? error.message : String(error));
    }
  }
}
