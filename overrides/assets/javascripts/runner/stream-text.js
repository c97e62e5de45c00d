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
  const last = block.lastChild;
  if (last && last.dataset.stream === stream) { last.append(text); return; }   // a text node
  const span = document.createElement("span");
  span.dataset.stream = stream;
  span.className = `pyrun-${stream}`;
  span.textContent = text;
  block.append(span);
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n += 1;
  return n;
}
