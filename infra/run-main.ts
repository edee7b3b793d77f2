/**
 * Runs a command's main function: a failure prints one line naming the command and its
 * reason (no stack trace) and exits with status 1.
 */
export function runMain(command: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`flowgate ${command}: ${message}`);
    process.exit(1);
  });
}
