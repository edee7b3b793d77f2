/**
 * The self-service page a registration link opens. Plain HTML that works with a screen reader
 * and a keyboard; the script (ui/passkey-page.ts) talks to /ui/passkey/start and /finish.
 */
export const PASSKEY_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Register a passkey</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; }
  main { padding: 0 1rem; }
  fieldset { border: 1px solid #888; margin: 0 0 1rem; }
  label { display: block; margin: 0.25rem 0; }
  input[type=text] { font: inherit; width: 100%; box-sizing: border-box; padding: 0.4rem; }
  button { font: inherit; padding: 0.5rem 1rem; }
  :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
  #result[data-outcome=error] { color: #a51d2d; }
  #result[data-outcome=success] { color: #26702f; }
</style>
</head>
<body>
<main>
  <h1>Register a passkey</h1>
  <p>Sign in later with your device's screen lock or a security key instead of a password.</p>
  <form id="register" novalidate>
    <fieldset>
      <legend>What do you want to register?</legend>
      <label><input type="radio" name="kind" value="passkey" checked>
        A passkey (this device or a phone)</label>
      <label><input type="radio" name="kind" value="u2f">
        A security key as a second factor</label>
    </fieldset>
    <label for="name">Name it, so you recognise it later</label>
    <input type="text" id="name" name="name" required maxlength="200" value="My passkey"
      autocomplete="off">
    <p><button type="submit" id="submit">Register</button></p>
  </form>
  <p id="result" role="status" aria-live="polite"></p>
</main>
<script src="/ui/passkey.js" defer></script>
</body>
</html>
`;
