// The code editor of a cell: the vendored CodeMirror 5 with Python highlighting, always left to right
// (also on Persian pages). Until CodeMirror has loaded (or if it fails) a plain textarea stands in.
import { loadScript, loadStyle } from "./load.js";

const SCRIPTS = ["lib/codemirror.js", "mode/python/python.js", "addon/edit/matchbrackets.js",
                 "addon/edit/closebrackets.js", "addon/comment/comment.js"];

let library = null;

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

/** Create an editor in `parent` holding `code`; onRun is called on Shift+Enter (or Ctrl/Cmd+Enter). */
export async function createEditor(parent, code, { vendorURL, label, onRun }) {
  parent.dir = "ltr";
  try {
    const CodeMirror = await loadCodeMirror(vendorURL);
    const cm = CodeMirror(parent, {
      value: code, mode: "python", lineNumbers: true, indentUnit: 4, tabSize: 4, indentWithTabs: false,
      direction: "ltr", viewportMargin: Infinity, matchBrackets: true, autoCloseBrackets: true,
      screenReaderLabel: label,
      extraKeys: {
        "Shift-Enter": () => onRun(), "Ctrl-Enter": () => onRun(), "Cmd-Enter": () => onRun(),
        Tab: indentOrTab, "Shift-Tab": (c) => c.indentSelection("subtract"),
        "Ctrl-/": "toggleComment", "Cmd-/": "toggleComment",
      },
    });
    requestAnimationFrame(() => cm.refresh());   // measure again once the page (instant navigation) is laid out
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
