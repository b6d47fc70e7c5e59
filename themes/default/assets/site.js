// govportal default theme. Loaded in <head> without defer so the reader's 大字版/高对比/字号 choice is on
// <html> before the first paint (no flash of small text). Everything else waits for the DOM.
(function () {
  'use strict';
  var root = document.documentElement;
  var KEY = 'govportal.a11y';
  var SIZES = { '-1': 'fs-m1', 1: 'fs-1', 2: 'fs-2', 3: 'fs-3', 4: 'fs-4' };
  var state = { elder: false, contrast: false, size: 0 };

  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (e) {
      // Storage refused (privacy mode, blocked cookies): the tools still work for this page view.
      raw = null;
    }
    if (!raw) return;
    var saved;
    try {
      saved = JSON.parse(raw);
    } catch (e) {
      // A damaged value is replaced on the next change; until then the defaults apply.
      return;
    }
    state.elder = saved.elder === true;
    state.contrast = saved.contrast === true;
    state.size = Math.max(-1, Math.min(4, parseInt(saved.size, 10) || 0));
  }

  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      // Not kept across pages when storage is refused; the current page already shows the change.
      return;
    }
  }

  function apply() {
    root.classList.remove('no-js');
    root.classList.add('js');
    root.classList.toggle('elder', state.elder);
    root.classList.toggle('contrast', state.contrast);
    Object.keys(SIZES).forEach(function (k) {
      root.classList.toggle(SIZES[k], String(state.size) === k);
    });
    var buttons = document.querySelectorAll('[data-a11y="elder"], [data-a11y="contrast"]');
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute('aria-pressed', String(state[buttons[i].getAttribute('data-a11y')]));
  }

  function onTool(action) {
    if (action === 'elder') state.elder = !state.elder;
    else if (action === 'contrast') state.contrast = !state.contrast;
    else if (action === 'bigger') state.size = Math.min(4, state.size + 1);
    else if (action === 'smaller') state.size = Math.max(-1, state.size - 1);
    else if (action === 'reset') state = { elder: false, contrast: false, size: 0 };
    apply();
    save();
  }

  function setOpen(item, open) {
    item.classList.toggle('open', open);
    var toggle = item.querySelector('.sub-toggle');
    if (toggle) toggle.setAttribute('aria-expanded', String(open));
  }

  function closeMenus(except) {
    var open = document.querySelectorAll('.nav-item.open');
    for (var i = 0; i < open.length; i++) if (open[i] !== except) setOpen(open[i], false);
  }

  load();
  apply();

  document.addEventListener('DOMContentLoaded', function () {
    apply();
    document.addEventListener('click', function (event) {
      var target = event.target.closest
        ? event.target.closest('[data-a11y], .sub-toggle, .menu-toggle, .js-print')
        : null;
      if (!target) {
        if (!event.target.closest || !event.target.closest('.nav-item')) closeMenus(null);
        return;
      }
      if (target.hasAttribute('data-a11y')) onTool(target.getAttribute('data-a11y'));
      else if (target.classList.contains('js-print')) window.print();
      else if (target.classList.contains('menu-toggle')) {
        var list = document.getElementById(target.getAttribute('aria-controls'));
        var open = target.getAttribute('aria-expanded') !== 'true';
        target.setAttribute('aria-expanded', String(open));
        if (list) list.classList.toggle('open', open);
      } else {
        var item = target.closest('.nav-item');
        var willOpen = !item.classList.contains('open');
        closeMenus(item);
        setOpen(item, willOpen);
      }
    });
    // Escape closes an open dropdown and returns focus to its button (WAI-ARIA disclosure pattern).
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      var item = document.querySelector('.nav-item.open');
      if (!item) return;
      setOpen(item, false);
      var toggle = item.querySelector('.sub-toggle');
      if (toggle) toggle.focus();
    });
  });
})();
