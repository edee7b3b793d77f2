/**
 * A JSON POST to the API with the admin token. Anything but 200 is thrown with the contract's
 * error id, so a failure reads like `HTTP 404 VERIFICATION-NOT-FOUND` and never shows a body.
 */
export async function postJson<T>(
  baseUrl: string,
  token: string,
  path: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`HTTP ${response.status} ${errorIdOf(text)}`);
  }
  return JSON.parse(text) as T;
}

function errorIdOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { details?: { id?: string }[] };
    return parsed.details?.[0]?.id ?? '(no error id)';
  } catch {
    return '(not JSON)';
  }
}
