// A startup problem worth one line to the user, not a stack trace (the CLI prints its message only).
export class StartupError extends Error {}
