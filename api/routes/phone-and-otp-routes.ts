/** /v2/users: SetPhone, VerifyPhone, and the OTP email and OTP SMS factors. */
import { Router } from 'express';
import type { OtpFactorType } from '../../store/otp-factors-store';
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

  router
    .route('/:userId/phone')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('SetPhoneRequest', setPhoneRequest, body);
      const result = await setPhone(deps, request);
      res.json(compact({ ...result }));
    })
    .all(methodNotAllowedHandler);

  router
    .route('/:userId/phone/verify')
    .post(async (req, res) => {
      const body = { ...req.body, userId: req.params.userId };
      const request = parseRequest('VerifyPhoneRequest', verifyPhoneRequest, body);
      const details = await verifyPhone(deps, request.userId, request.verificationCode);
      res.json({ details });
    })
    .all(methodNotAllowedHandler);

  for (const factor of OTP_FACTORS) {
    router
      .route(`/:userId/${factor.path}`)
      .post(async (req, res) => {
        const { userId } = parseRequest(factor.add, otpFactorRequest, req.params);
        res.json({ details: await addOtpFactor(deps, userId, factor.type) });
      })
      .delete(async (req, res) => {
        const { userId } = parseRequest(factor.remove, otpFactorRequest, req.params);
        res.json({ details: await removeOtpFactor(deps, userId, factor.type) });
      })
      .all(methodNotAllowedHandler);
  }

  return router;
}
