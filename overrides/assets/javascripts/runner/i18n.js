// Labels of the live-code runner in the page's languages (Persian at the site root, English under /en/),
// and numbers as the page writes them (Persian digits on Persian pages, like lmdocs.i18n.num in Python).

const FA_NUMBER = { ".": "\u066B", ",": "\u066C", "%": "\u066A" };           // ٫ ٬ ٪
for (let d = 0; d <= 9; d++) FA_NUMBER[d] = String.fromCharCode(0x06F0 + d);  // ۰–۹

/** A number as JavaScript wrote it ("-1,234.5", "50%") in `lang`'s digits and separators: on a Persian
 *  page 0-9 . , % become ۰-۹ ٫ ٬ ٪ (the translation lmdocs.i18n.num makes); the sign stays "-".
 *  numberText("-1,234.5", "fa") → "-۱٬۲۳۴٫۵" */
export function numberText(text, lang) {
  return lang === "fa" ? String(text).replace(/[0-9.,%]/g, (c) => FA_NUMBER[c]) : String(text);
}

/** `value` written for a `lang` page like Python's num(value, spec): `fractionDigits` is ".Nf" (none:
 *  as String(value) writes it), `grouping` is "," (no thousands separator unless asked).
 *  formatNumber(1234.5, "fa", { fractionDigits: 2, grouping: true }) → "۱٬۲۳۴٫۵۰" */
export function formatNumber(value, lang, { fractionDigits, grouping = false } = {}) {
  let text = fractionDigits === undefined ? String(value) : Number(value).toFixed(fractionDigits);
  if (grouping) text = text.replace(/^-?\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ","));
  return numberText(text, lang);
}

const LABELS = {
  en: {
    run: "Run", stop: "Stop", reset: "Reset",
    runTitle: "Run this cell (Shift+Enter)", stopTitle: "Stop the running code (restarts Python)",
    resetTitle: "Restore this cell's original code and clear its output",
    editor: "Python code editor", output: "Output",
    stageRuntime: "Loading Python (Pyodide)…", stagePackage: "Loading lmdocs…",
    waiting: "Waiting for the cell that is running…", running: "Running…",
    number: (value, options) => formatNumber(value, "en", options), numberText: (text) => numberText(text, "en"),
    done: (ms) => `Done in ${ms} ms`, failed: "Failed",
    prerequisite: (n) => `Run first because cell ${n} needs it`,
    ranEarlier: (list) => `Ran the earlier cells ${list} first (cells on a page share their variables).`,
    earlierFailed: (n) => `Not run: the earlier cell ${n}, which this one needs, raised an error. Fix it and run again.`,
    stopped: "Stopped. Python was restarted, so the page's variables were reset: run the cells again.",
    crashed: "Python was restarted (it crashed or ran out of memory): the page's variables were reset.",
    truncated: (n) => `… output truncated: ${formatNumber(n, "en", { grouping: true })} more characters were not shown.`,
    missingModule: (name) => `“${name}” is not available in the browser. Here Python has its standard library and lmdocs only (Pyodide); run code that needs ${name} on your computer instead.`,
    wheelFailed: "The lmdocs package could not be loaded; only the standard library is available.",
    callbackFailed: "The input's code raised an error:",
    showCode: (lines) => `The demo's Python code (${lines} lines): open to read or change it`,
  },
  fa: {
    run: "اجرا", stop: "توقف", reset: "بازنشانی",
    runTitle: "اجرای این خانه (Shift+Enter)", stopTitle: "توقف کد در حال اجرا (پایتون از نو راه می‌افتد)",
    resetTitle: "برگرداندن کد اصلی این خانه و پاک کردن خروجی آن",
    editor: "ویرایشگر کد پایتون", output: "خروجی",
    stageRuntime: "در حال بارگیری پایتون (Pyodide)…", stagePackage: "در حال بارگیری lmdocs…",
    waiting: "در انتظار پایان خانه‌ای که در حال اجراست…", running: "در حال اجرا…",
    number: (value, options) => formatNumber(value, "fa", options), numberText: (text) => numberText(text, "fa"),
    done: (ms) => `پایان در ${formatNumber(ms, "fa", { grouping: true })} میلی‌ثانیه`, failed: "خطا",
    prerequisite: (n) => `پیش از خانهٔ ${formatNumber(n, "fa")} اجرا شد، چون آن خانه به این یکی نیاز دارد`,
    ranEarlier: (list) => `خانه‌های پیشین ${list} اول اجرا شدند (خانه‌های یک صفحه متغیرهایشان را با هم شریک‌اند).`,
    earlierFailed: (n) => `اجرا نشد: خانهٔ پیشین ${formatNumber(n, "fa")}، که این خانه به آن نیاز دارد، خطا داد. آن را درست کنید و دوباره اجرا کنید.`,
    stopped: "متوقف شد. پایتون از نو راه افتاد و متغیرهای صفحه پاک شدند: خانه‌ها را دوباره اجرا کنید.",
    crashed: "پایتون از نو راه افتاد (از کار افتاد یا حافظه‌اش تمام شد): متغیرهای صفحه پاک شدند.",
    truncated: (n) => `… بقیهٔ خروجی نشان داده نشد: ${formatNumber(n, "fa", { grouping: true })} نویسهٔ دیگر.`,
    missingModule: (name) => `«${name}» در مرورگر در دسترس نیست. این‌جا پایتون فقط کتابخانهٔ استاندارد و lmdocs را دارد (Pyodide)؛ کدی را که به ${name} نیاز دارد روی رایانهٔ خودتان اجرا کنید.`,
    wheelFailed: "بستهٔ lmdocs بارگیری نشد؛ فقط کتابخانهٔ استاندارد پایتون در دسترس است.",
    callbackFailed: "کد این ورودی خطا داد:",
    showCode: (lines) => `کد پایتون این نمایش (${formatNumber(lines, "fa", { grouping: true })} خط): برای خواندن یا تغییرش باز کنید`,
  },
};

/** The language of the current page: "en" under <site>/en/, otherwise "fa" (the default). */
export function pageLanguage(siteRoot) {
  const path = new URL(location.href).pathname;
  const root = new URL(siteRoot).pathname;
  return path.startsWith(root + "en/") || path === root + "en" ? "en" : "fa";
}

/** The label table for `lang` ("fa" | "en"). */
export function labelsFor(lang) {
  return LABELS[lang] || LABELS.en;
}
