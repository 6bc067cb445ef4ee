// The panic boundary's overlay. A panic in the app's WebAssembly aborts the instance
// (panic = "abort": it ends in a trap, a WebAssembly.RuntimeError), and no Rust code can
// be trusted to run after it. So the overlay is plain DOM built here, in plain JS, with
// text only (textContent, never HTML), and its reload button is a JS listener.
// The session is saved to the browser's storage on every change, so a reload restores it.

const TEXT = {
  ru: {
    title: 'Что-то пошло не так',
    body: 'Приложение остановилось из-за внутренней ошибки. Ваша работа сохранена в браузере: после перезагрузки сессия продолжится с того же места.',
    reload: 'Перезагрузить',
    details: 'Подробности для разработчиков',
  },
  en: {
    title: 'Something went wrong',
    body: 'The app stopped because of an internal error. Your work is saved in the browser: after a reload the session goes on where it was.',
    reload: 'Reload',
    details: 'Details for the developers',
  },
};

let shown = false;

// Shows the overlay once (the first failure is the one worth reporting).
export function show_overlay(detail) {
  if (shown || typeof document === 'undefined' || !document.body) return;
  shown = true;
  const text = TEXT[document.documentElement.lang === 'en' ? 'en' : 'ru'];
  const el = (tag, props) => Object.assign(document.createElement(tag), props);
  const box = el('div', { className: 'crash-box' });
  const title = el('h2', { id: 'crash-title', textContent: text.title });
  const body = el('p', { textContent: text.body });
  const reload = el('button', { type: 'button', textContent: text.reload });
  reload.dataset.testid = 'crash-reload';
  reload.addEventListener('click', () => location.reload());
  const details = el('details', {});
  details.append(el('summary', { textContent: text.details }), el('pre', { textContent: detail }));
  box.append(title, body, reload, details);
  const overlay = el('div', { className: 'crash-overlay' });
  overlay.setAttribute('role', 'alertdialog');
  overlay.setAttribute('aria-modal', 'true');
  overlay.setAttribute('aria-labelledby', 'crash-title');
  overlay.dataset.testid = 'crash-overlay';
  overlay.append(box);
  document.body.append(overlay);
  reload.focus();
}

// Catches the traps that come without a Rust panic message (an allocation failure, an
// `unreachable` reached some other way): anything but a WebAssembly.RuntimeError is left
// to the browser, so a failed fetch or an extension's error never covers the page.
export function install_overlay() {
  const trap = (error) => error instanceof WebAssembly.RuntimeError;
  addEventListener('error', (event) => {
    if (trap(event.error)) show_overlay(String(event.error));
  });
  addEventListener('unhandledrejection', (event) => {
    if (trap(event.reason)) show_overlay(String(event.reason));
  });
}
