/** The API speaks JSON only: a request body of any other media type is a 415. */
import type { RequestHandler } from 'express';

const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

export const jsonOnly: RequestHandler = (req, res, next) => {
  if (hasBody(req.headers) && !req.is(['application/json', 'application/*+json'])) {
    res.status(415).json({ code: 3, message: 'request body must be application/json' });
    return;
  }
  next();
};
