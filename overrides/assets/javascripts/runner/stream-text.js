// Streamed text in a cell's output, laid out in blocks: the text goes into block-level pieces of
// about BLOCK_CHARS characters, cut only at line ends, and a full block out of sight is not laid out
// at all (content-visibility: auto, its height estimated from its lines until it has been shown; so
// innerText, which skips what is not laid out, holds only the blocks in sight: the DOM's textContent
// holds all of it, block by block). The block being written to is always laid out: a short output
// (one block) is plain text.
// So appending to a long output costs about what is appended, not everything shown so far: with one
// growing text run, a 300,000-line print froze the page for seconds (each append re-laid out all of
// it). A block's last line end is the block boundary itself, so the text reads (and copies) line by
// line as written.

export const BLOCK_CHARS = 4096;

// A line of output that holds Persian (or Arabic) letters is set in the text font, Vazirmatn, inside
// a span.pyrun-fa: a monospace font has no Persian letters, and its wide spaces scatter the words.
// Every other line stays plain text in the code font. Each line takes the direction of its own
// text (unicode-bidi: plaintext in runner.css), so Persian lines read right to left.
export const PERSIAN = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** Writes streamed text into `parent` line by line (see PERSIAN above); text may end mid-line. */
export class LineWriter {
  constructor(parent) {
    this.parent = parent;
    this.plain = null;       // the text node that plain lines are appended to
    this.lineStart = 0;      // where the unfinished line starts in this.plain
    this.persian = null;     // the span.pyrun-fa of the unfinished line, when it is Persian
    this.open = false;       // the last line written has no line end yet
  }

  write(text) {
    for (const piece of text.split(/(?<=\n)/)) {
      if (!piece) continue;
      if (this.persian) this.persian.append(piece);
      else if (PERSIAN.test(piece)) {
        const span = document.createElement("span");
        span.className = "pyrun-fa";
        if (this.open && this.plain && this.lineStart < this.plain.length) span.append(this.plain.splitText(this.lineStart));
        span.append(piece);
        this.parent.append(span);
        this.persian = span;
        this.plain = null;
      } else {
        if (!this.plain) { this.plain = document.createTextNode(""); this.parent.append(this.plain); }
        if (!this.open) this.lineStart = this.plain.length;
        this.plain.appendData(piece);
      }
      this.open = !piece.endsWith("\n");
      if (!this.open) this.persian = null;
    }
  }
}


/** Append `text` of `stream` ("stdout" | "stderr") to `pre`, block by block. */
export function appendStreamText(pre, stream, text) {
  let block = pre.lastElementChild;
  if (!block || !block.classList.contains("pyrun-text-block")) block = newBlock(pre);
  while (text) {
    let head = text;
    let rest = "";
    if (block.dataset.size >= BLOCK_CHARS || head.length > BLOCK_CHARS) {
      const room = Math.max(0, BLOCK_CHARS - Number(block.dataset.size));
      const cut = text.indexOf("\n", room);
      if (cut >= 0) { head = text.slice(0, cut); rest = text.slice(cut + 1); }
    }
    appendToBlock(block, stream, head);
    if (rest === "" && head === text) break;
    block = newBlock(pre);
    text = rest;
  }
}

function newBlock(pre) {
  const block = document.createElement("div");
  block.className = "pyrun-text-block";
  block.dataset.size = "0";
  block.dataset.lines = "1";
  const previous = pre.lastElementChild;
  if (previous?.classList.contains("pyrun-text-block")) {   // closed: laid out only when in sight
    previous.style.containIntrinsicBlockSize = `auto ${previous.dataset.lines}lh`;
    previous.style.contentVisibility = "auto";
  }
  pre.append(block);
  return block;
}

function appendToBlock(block, stream, text) {
  if (!text) return;
  block.dataset.size = String(Number(block.dataset.size) + text.length);
  block.dataset.lines = String(Number(block.dataset.lines) + countLines(text));
  let span = block.lastChild;
  if (!span || span.dataset.stream !== stream) {   // a new run of this stream, written line by line
    span = document.createElement("span");
    span.dataset.stream = stream;
    span.className = `pyrun-${stream}`;
    span.lines = new LineWriter(span);
    block.append(span);
  }
  span.lines.write(text);
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n += 1;
  return n;
}
