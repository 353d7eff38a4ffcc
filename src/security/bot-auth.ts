/**
 * botbuilder's configuration-based authentication, with one correction: a token whose signature is
 * wrong or missing (`alg: none`) makes the JWT library throw its own error type, which CloudAdapter
 * turns into a 500. Every token-validation failure is a 401 here; other failures (e.g. the OpenID
 * metadata endpoint unreachable) stay server errors.
 */
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/** Error names of the `jsonwebtoken` library used by botframework-connector. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && !(err instanceof AuthenticationError) && TOKEN_ERRORS.has(err.name)) {
        throw new AuthenticationError(`Unauthorized: ${err.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw err;
    }
  }
}
