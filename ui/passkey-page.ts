/**
 * The self-service passkey page in the browser: reads the registration link's parameters,
 * asks the authenticator for a credential with @simplewebauthn/browser, and says how it went.
 */
import { WebAuthnError, startRegistration } from '@simplewebauthn/browser';

interface Problem {
  message?: string;
}

const params = new URLSearchParams(window.location.search);
const link = {
  userId: params.get('userID') ?? '',
  code: { id: params.get('codeID') ?? '', code: params.get('code') ?? '' },
};

const form = document.getElementById('register') as HTMLFormElement;
const submit = document.getElementById('submit') as HTMLButtonElement;
const result = document.getElementById('result') as HTMLParagraphElement;

function show(outcome: 'working' | 'success' | 'error', text: string): void {
  result.dataset.outcome = outcome;
  result.textContent = text;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & Problem;
  if (!response.ok) {
    throw new Error(json.message ?? `the server answered ${response.status}`);
  }
  return json;
}

function explain(error: unknown): string {
  if (
    error instanceof WebAuthnError ||
    (error instanceof Error && error.name === 'NotAllowedError')
  ) {
    return 'The authenticator did not create a credential (cancelled or timed out). Try again.';
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

async function register(kind: string, name: string): Promise<void> {
  show('working', 'Starting the registration…');
  const started = await post<{ registrationId: string; publicKey: never }>('/ui/passkey/start', {
    ...link,
    kind,
  });

  show('working', 'Follow your browser or security key to create the credential…');
  const credential = await startRegistration({ optionsJSON: started.publicKey });

  show('working', 'Checking the credential…');
  await post('/ui/passkey/finish', {
    ...link,
    registrationId: started.registrationId,
    publicKeyCredential: credential,
    name,
  });
  // The code is used up; keep it out of the history and of a later bookmark.
  window.history.replaceState(null, '', window.location.pathname);
  const what = kind === 'u2f' ? 'security key' : 'passkey';
  show('success', `Your ${what} "${name}" is registered. You can close this page.`);
  form.hidden = true;
}

if (!link.userId || !link.code.id || !link.code.code) {
  show('error', 'This page needs the link from your registration message.');
  submit.disabled = true;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const kind = String(data.get('kind') ?? 'passkey');
  const name = String(data.get('name') ?? '').trim();
  if (!name) {
    show('error', 'Give the credential a name.');
    return;
  }

  submit.disabled = true;
  register(kind, name)
    .catch((error: unknown) => show('error', explain(error)))
    .finally(() => {
      submit.disabled = false;
    });
});
