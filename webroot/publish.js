// Publishes the form with fetch, as a backend would, and shows the id the hub assigned or its refusal.
(function () {
  'use strict';

  var form = document.getElementById('publish');
  var topic = document.getElementById('topic');
  var result = document.getElementById('result');
  var watch = document.getElementById('watch');

  function updateWatchLink() {
    watch.href = '/?topics=' + encodeURIComponent(topic.value.trim() || 'chat');
  }

  topic.addEventListener('input', updateWatchLink);
  updateWatchLink();

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    result.textContent = 'sending…';
    fetch('/publish', { method: 'POST', body: new URLSearchParams(new FormData(form)) })
      .then(function (response) {
        return response.text().then(function (text) {
          result.textContent = response.ok ? 'published, id ' + text : 'refused (' + response.status + '): ' + text.trim();
          result.setAttribute('data-ok', String(response.ok));
        });
      })
      .catch(function (error) {
        result.textContent = 'failed: ' + error;
        result.setAttribute('data-ok', 'false');
      });
  });
}());
