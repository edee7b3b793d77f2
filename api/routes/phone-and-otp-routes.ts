/** /v2/users: SetPhone, VerifyPhone, and the OTP email and OTP SMS factors. */
import { Router } from 'express';
import { Errors } from '../../common/errors';
import type { OtpFactorType } from '../../store/otp-factors-store';
import { requireUserAccess } from '../access/require-permission';
import type { ApiDeps } from '../deps';
import { methodNotAllowedHandler } from '../error-handler';
import { compact } from '../render';
import { otpFactorRequest, setPhoneRequest, verifyPhoneRequest } from '../schemas/phone-schemas';
import { addOtpFactor, removeOtpFactor } from '../services/otp-factor-service';
import { setPhone, verifyPhone } from '../services/phone-service';
import { parseRequest } from '../validation';

/** Each factor's path segment and the request names its validation messages use. */
const OTP_FACTORS: { path: string; type: OtpFactorType; add: string; remove: string }[] = [
  {
    path: 'otp_email',
    type: 'otp_email',
    add: 'AddOTPEmailRequest',
    remove: 'RemoveOTPEmailRequest',
  },
  { path: 'otp_sms', type: 'otp_sms', add: 'AddOTPSMSRequest', remove: 'RemoveOTPSMSRequest' },
];

export function phoneAndOtpRouter(deps: ApiDeps): Router {
  const router = Router();
  const notFound = Errors.phoneNotFound;

  router
    .route('/:userId/phone')
    .post(requireUserAccess(deps, 'user.write', { notFound }), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('SetPhoneRequest', setPhoneRequest, body);
      const result = await setPhone(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/phone/verify')
    // No per-user permission: the code is the proof (contract, operations 7 and 18).
    .post(requireUserAccess(deps, 'authenticated', { notFound }), async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('VerifyPhoneRequest', verifyPhoneRequest, body);
      const details = await verifyPhone(deps, request.userId, request.verificationCode);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  // Adding needs user.credential.write, removing user.write (contract, operations 8 to 11).
  const add = requireUserAccess(deps, 'user.credential.write');
  const remove = requireUserAccess(deps, 'user.write');
  for (const factor of OTP_FACTORS) {
    router
      .route(`/:userId/${factor.path}`)
      .post(add, async (req, res) => {
        const { userId } = parseRequest(factor.add, otpFactorRequest, req.params);
        res.json({ details: await addOtpFactor(deps, userId, factor.type) });
      })
      .delete(remove, async (req, res) => {
        const { userId } = parseRequest(factor.remove, otpFactorRequest, req.params);
        res.json({ details: await removeOtpFactor(deps, userId, factor.type) });
      })
      .all(methodNotAllowedHandler);
  }

  return router;
}
