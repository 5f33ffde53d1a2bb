// The room's page, with JavaScript: it refreshes itself when the room
// changes (within a second or two) and sends forms without leaving the page.
// Without JavaScript the same forms work as plain forms.
(function () {
  'use strict';
  var REGIONS = ['flash', 'round', 'canvas'];

  function typing(region) {
    var a = document.activeElement;
    return a && a.tagName === 'TEXTAREA' && a.value !== '' && region.contains(a);
  }

  function swap(html, force) {
    var next = new DOMParser().parseFromString(html, 'text/html');
    REGIONS.forEach(function (id) {
      var here = document.getElementById(id);
      var there = next.getElementById(id);
      if (here && there && (force || !typing(here))) {
        here.replaceWith(document.importNode(there, true));
      }
    });
    document.body.dataset.version = next.body.dataset.version || '';
  }

  function open(isOpen) {
    var closed = document.getElementById('closed');
    if (closed) { closed.hidden = isOpen; }
  }

  function load(url, options, force) {
    return fetch(url, options).then(function (r) {
      if (!r.ok) { throw new Error('status ' + r.status); }
      return r.text();
    }).then(function (html) { open(true); swap(html, force); });
  }

  function poll() {
    fetch('version', { cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error('closed'); }
      return r.text();
    }).then(function (v) {
      open(true);
      if (v !== document.body.dataset.version) { return load('./', { cache: 'no-store' }, false); }
    }).catch(function () { open(false); });
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    e.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    load(form.action, { method: 'POST', body: body }, true).catch(function () { open(false); });
  });

  setInterval(poll, 1000);
})();
