/** A command line the command cannot run: main prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}
