// Output batching for the worker: small, slow output is sent at once (a training loop prints
// progressively); a flood is merged into large messages and capped, so the page stays responsive.
// Timers cannot fire while Python runs, so every decision is taken when output arrives.

export const MAX_CHARS = 200_000;    // characters shown per job; the rest is counted, not sent
const WINDOW_MS = 50;                // at most BURST separate messages per window...
const BURST = 20;
const CHUNK = 64 * 1024;             // ...then output is merged into chunks of this size

export class OutputBatcher {
  constructor(send) {
    this.send = send;                // send(stream, text)
    this.begin();
  }

  begin() {
    this.pending = { stdout: "", stderr: "" };
    this.sent = 0;
    this.dropped = 0;
    this.windowStart = 0;
    this.inWindow = 0;
  }

  write(stream, text) {
    if (!text) return;
    const room = MAX_CHARS - this.sent - this.pending.stdout.length - this.pending.stderr.length;
    if (room <= 0) { this.dropped += text.length; return; }
    if (text.length > room) { this.dropped += text.length - room; text = text.slice(0, room); }
    const other = stream === "stdout" ? "stderr" : "stdout";
    if (this.pending[other]) this.flush();   // keep stdout and stderr in the order they were written
    this.pending[stream] += text;
    const now = performance.now();
    if (now - this.windowStart > WINDOW_MS) { this.windowStart = now; this.inWindow = 0; }
    if (this.inWindow < BURST || this.pending[stream].length >= CHUNK) {
      this.inWindow += 1;
      this.flush();
    }
  }

  flush() {
    for (const stream of ["stdout", "stderr"]) {
      const text = this.pending[stream];
      if (text) { this.pending[stream] = ""; this.sent += text.length; this.send(stream, text); }
    }
  }

  end() { this.flush(); }
}
