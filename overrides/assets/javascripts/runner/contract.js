// The runner's contract, written once for the JavaScript side: the messages between the page and
// the Python worker, the drawing operations of lmdocs.page, and the states of a cell.
// Python's side of the operations is lmdocs.page.OPERATIONS; tests/unit/runner/ checks that both
// lists agree, that the modules use these names only, and that cells move only as STATES allows.

/** page -> worker: start Pyodide; run a cell's code; call an input's callback. */
export const TO_WORKER = Object.freeze({ INIT: "init", RUN: "run", EVENT: "event" });

/** worker -> page. PAGE carries a JSON batch of lmdocs.page messages; FATAL: Pyodide is unusable;
 *  INPUT: Python's input() waits for a line (cross-origin isolated pages only; see worker-client.js);
 *  SNAPSHOT: the memory snapshot made at this start is saved, or could not be (see snapshot.js). */
export const FROM_WORKER = Object.freeze({
  PROGRESS: "progress", READY: "ready", STDOUT: "stdout", STDERR: "stderr",
  PAGE: "page", DONE: "done", FATAL: "fatal", INPUT: "input", SNAPSHOT: "snapshot",
});

/** How Python started (READY's `start`): restored from the saved memory snapshot; started and a
 *  snapshot made; the saved one failed, so started and a new one made; started without snapshots
 *  (no Cache Storage, or the page asked for the plain start: benchmarks compare against it). */
export const PYTHON_STARTS = Object.freeze({
  RESTORED: "restored", MADE: "made", FALLBACK: "fallback", PLAIN: "plain",
});

/** What the worker client tells the notebook besides PROGRESS and READY: Python was restarted, why. */
export const RESTARTED = "restarted";
export const RESTART_REASONS = Object.freeze({ STOP: "stop", CRASH: "crash", NAVIGATE: "navigate" });

/** The stages a starting worker goes through, in order (it reports them with PROGRESS, then READY). */
export const STAGES = Object.freeze({ IDLE: "idle", RUNTIME: "runtime", PACKAGE: "package", READY: "ready" });

/** The `op` of every lmdocs.page message (same order as lmdocs.page.OPERATIONS). */
export const PAGE_OPERATIONS = Object.freeze([
  "line_chart", "append", "bar_chart", "table", "text", "tokens", "heatmap",
  "slider", "text_input", "select", "button",
]);

/** A cell's states (its div carries the state as data-pyrun-state, which runner.css styles). */
export const CELL = Object.freeze({ IDLE: "idle", QUEUED: "queued", RUNNING: "running", OK: "ok", ERROR: "error" });

/** The moves between a cell's states; any other move is a bug (Cell.setState throws). */
export const STATES = Object.freeze({
  [CELL.IDLE]: [CELL.QUEUED, CELL.RUNNING, CELL.IDLE],      // running: an input's callback; idle: Reset
  [CELL.QUEUED]: [CELL.RUNNING, CELL.IDLE, CELL.ERROR],     // idle: stopped, or an earlier cell failed;
                                                            // error: Python could not start
  [CELL.RUNNING]: [CELL.OK, CELL.ERROR, CELL.IDLE],         // idle: stopped
  [CELL.OK]: [CELL.QUEUED, CELL.RUNNING, CELL.IDLE],
  [CELL.ERROR]: [CELL.QUEUED, CELL.RUNNING, CELL.IDLE],
});

/** Throws when a cell may not go from state `from` to state `to`. */
export function checkTransition(from, to) {
  if (!(STATES[from] || []).includes(to)) throw new Error(`lmdocs runner: a cell cannot go from "${from}" to "${to}".`);
}
