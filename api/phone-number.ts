/** Phone numbers as the contract stores them: E.164, parsed with libphonenumber's full rules. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { Errors, FlowgateError } from '../common/errors';

/**
 * Normalises `text` to E.164 (`+41791234567`); a number without `+` is read in `region`. A
 * number that is not a valid, assignable one for its region is `Errors.User.Phone.Invalid`.
 */
export function toE164(text: string, region: CountryCode): string {
  const parsed = parsePhoneNumberFromString(text.trim(), { defaultCountry: region });
  if (!parsed?.isValid()) {
    throw new FlowgateError(Errors.phoneInvalid);
  }
  return parsed.number;
}
