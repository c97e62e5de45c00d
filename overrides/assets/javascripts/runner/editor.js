// The code editor of a cell: the vendored CodeMirror 5 with Python highlighting, always left to right
// (also on Persian pages; Persian comments and strings still read right to left inside their line,
// CodeMirror's bidi ordering). Why CodeMirror 5 and not 6: docs/contributing/live-code.en.md. Until CodeMirror has loaded (or if it fails) a plain textarea stands in.
import { loadScript, loadStyle } from "./load.js";

const SCRIPTS = ["lib/codemirror.js", "mode/python/python.js", "addon/edit/matchbrackets.js",
                 "addon/edit/closebrackets.js", "addon/comment/comment.js"];

let library = null;

/** Screens on which long code lines wrap (a phone held upright; runner.css uses the same width). */
const NARROW = "(max-width: 600px)";

/** Load CodeMirror once; resolves with window.CodeMirror. */
export function loadCodeMirror(vendorURL) {
  if (!library) {
    const base = vendorURL + "codemirror/";
    loadStyle(base + "lib/codemirror.css");
    library = Promise.all(SCRIPTS.map((path) => loadScript(base + path))).then(() => window.CodeMirror);
    library.catch(() => { library = null; });
  }
  return library;
}

function indentOrTab(cm) {
  if (cm.somethingSelected()) cm.indentSelection("add");
  else cm.execCommand("insertSoftTab");
}

/** Create an editor in `parent` holding `code`; onRun is called on Shift+Enter (or Ctrl/Cmd+Enter),
 *  onLeave on Esc. */
export async function createEditor(parent, code, { vendorURL, label, onRun, onLeave }) {
  parent.dir = "ltr";
  try {
    const CodeMirror = await loadCodeMirror(vendorURL);
    const narrow = window.matchMedia(NARROW);
    const cm = CodeMirror(parent, {
      value: code, mode: "python", lineNumbers: true, indentUnit: 4, tabSize: 4, indentWithTabs: false,
      direction: "ltr", viewportMargin: Infinity, matchBrackets: true, autoCloseBrackets: true,
      // contenteditable, not CodeMirror's hidden textarea: the text itself is what has focus, which
      // phones' keyboards and screen readers handle better, and the editor's scrolling region then
      // holds its focusable content (axe: scrollable-region-focusable).
      inputStyle: "contenteditable", spellcheck: false, autocorrect: false, autocapitalize: false,
      lineWrapping: narrow.matches,
      screenReaderLabel: label,
      extraKeys: {
        "Shift-Enter": () => onRun(), "Ctrl-Enter": () => onRun(), "Cmd-Enter": () => onRun(),
        Tab: indentOrTab, "Shift-Tab": (c) => c.indentSelection("subtract"),
        "Ctrl-/": "toggleComment", "Cmd-/": "toggleComment",
        Esc: () => onLeave?.(),        // Tab indents here: Esc is the keyboard's way out (to Run)
      },
    });
    requestAnimationFrame(() => cm.refresh());   // measure again once the page (instant navigation) is laid out
    // On a phone long lines wrap (continuation lines are indented, line numbers stay with their line)
    // instead of hiding behind a sideways scroll; turning the phone or widening the window unwraps them.
    narrow.addEventListener("change", (event) => cm.setOption("lineWrapping", event.matches));
    return { getValue: () => cm.getValue(), setValue: (text) => cm.setValue(text), cm };
  } catch (err) {
    console.warn("lmdocs runner: CodeMirror did not load, using a plain text box", err);
    const area = document.createElement("textarea");
    area.className = "pyrun-textarea";
    area.value = code;
    area.rows = Math.min(30, code.split("\n").length + 1);
    area.spellcheck = false;
    area.setAttribute("aria-label", label);
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) { event.preventDefault(); onRun(); }
    });
    parent.append(area);
    return { getValue: () => area.value, setValue: (text) => { area.value = text; } };
  }
}
