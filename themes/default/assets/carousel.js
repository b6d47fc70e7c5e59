// 图片新闻: advance the slides every few seconds, with a visible pause button (WCAG 2.2.2). Without
// this script the carousel still works: the first slide shows and the numbers jump to the others.
// A visitor who asks for reduced motion gets no automatic movement; the button then starts it.
(function () {
  'use strict';
  var INTERVAL = 5000;
  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function setUp(root) {
    var track = root.querySelector('.slides');
    var slides = root.querySelectorAll('.slide');
    var dots = root.querySelectorAll('.carousel-dots a');
    var button = root.querySelector('.carousel-pause');
    if (!track || slides.length < 2 || !button) return;
    var current = 0;
    var timer = null;
    var paused = reduced;
    var holding = false; // pointer over or focus inside: wait, but keep the visitor's choice

    function mark(i) {
      current = i;
      for (var k = 0; k < dots.length; k++) {
        if (k === i) dots[k].setAttribute('aria-current', 'true');
        else dots[k].removeAttribute('aria-current');
      }
    }
    function show(i) {
      track.scrollTo({ left: slides[i].offsetLeft - track.offsetLeft, behavior: reduced ? 'auto' : 'smooth' });
      mark(i);
    }
    function tick() {
      if (!paused && !holding) show((current + 1) % slides.length);
    }
    function render() {
      button.textContent = paused ? '继续轮播' : '暂停轮播';
      button.setAttribute('aria-pressed', paused ? 'true' : 'false');
      root.classList.toggle('is-paused', paused);
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      paused = !paused;
      render();
    });
    for (var d = 0; d < dots.length; d++) {
      (function (i) {
        dots[i].addEventListener('click', function (e) {
          e.preventDefault();
          show(i);
        });
      })(d);
    }
    // A visitor's own swipe moves the marker, once the scroll has settled (during a smooth scroll the
    // position passes the slides in between).
    var settle = null;
    track.addEventListener('scroll', function () {
      window.clearTimeout(settle);
      settle = window.setTimeout(function () {
        var i = Math.round(track.scrollLeft / (track.clientWidth || 1));
        if (i !== current && i >= 0 && i < slides.length) mark(i);
      }, 150);
    });
    root.addEventListener('mouseenter', function () {
      holding = true;
    });
    root.addEventListener('mouseleave', function () {
      holding = false;
    });
    root.addEventListener('focusin', function (e) {
      if (e.target !== button) holding = true;
    });
    root.addEventListener('focusout', function () {
      holding = false;
    });
    render();
    timer = window.setInterval(tick, INTERVAL);
    root.setAttribute('data-carousel-ready', '');
    return timer;
  }

  function start() {
    var roots = document.querySelectorAll('[data-carousel]');
    for (var i = 0; i < roots.length; i++) setUp(roots[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
