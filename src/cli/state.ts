/**
 * The state a command reports back to `main`: its exit code, and the exit code for bad arguments.
 * A leaf module so that command modules and `main.ts` (which loads them) do not import each other.
 */
export interface CommandState {
  exitCode: number;
  /** Exit code for bad arguments of the running command (commands differ, as their peers do). */
  usageExitCode: number;
  /** When the command began (`performance.now()`, after its modules were loaded): time limits count from here. */
  startedAt?: number;
}
