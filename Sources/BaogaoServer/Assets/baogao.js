// Baogao: a little behaviour on top of server-rendered pages. Everything works without it.
//   "/"      focuses the search box
//   n / p    on the report view: next / previous highlighted match
// On the report view it also brings the arrival line into view when the URL has no #L…
// fragment, and folds the outline on narrow screens.
(function () {
  'use strict';

  function typing() {
    var tag = document.activeElement && document.activeElement.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && !typing()) {
      var box = document.querySelector('form.search input[name=q]');
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    }
  });

  var report = document.querySelector('article.report');
  if (!report) { return; }

  var toc = document.querySelector('.toc-box');
  if (toc && window.matchMedia('(max-width: 800px)').matches) { toc.open = false; }

  var focus = report.getAttribute('data-focus');
  if (focus && !location.hash) {
    var line = document.getElementById('L' + focus);
    if (line) { line.scrollIntoView({ block: 'center' }); }
  }

  var marks = Array.prototype.slice.call(report.querySelectorAll('.text mark'));
  var at = -1;
  document.addEventListener('keydown', function (event) {
    if (typing() || marks.length === 0 || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key !== 'n' && event.key !== 'p') { return; }
    at = event.key === 'n' ? (at + 1) % marks.length : (at - 1 + marks.length) % marks.length;
    marks[at].scrollIntoView({ block: 'center' });
  });
})();
