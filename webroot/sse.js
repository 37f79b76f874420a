// Live view of an ssehub stream. No build step, no dependencies: plain EventSource.
(function () {
  'use strict';

  var MAX_SHOWN = 20;
  // Ids kept for inspection (window.ssehubPage.ids), newest last; bounded so a page left open does not grow.
  var MAX_IDS_KEPT = 1000;
  // EventSource reconnects by itself after network errors, but gives up for good when a response is not a stream
  // (for example a 502 from a proxy while the hub restarts). Then we start a new one, backing off up to this delay.
  var MAX_BACKOFF_MS = 30000;

  var el = function (id) { return document.getElementById(id); };
  var topics = new URLSearchParams(window.location.search).get('topics') || 'time';
  var baseUrl = '/sse?topics=' + encodeURIComponent(topics);
  var received = 0;
  var opens = 0;
  var backoffMs = 1000;
  var lastEventId = null;
  var page = { ids: [], replays: [] };
  window.ssehubPage = page;

  el('url').textContent = baseUrl;
  el('topics').textContent = topics;

  function setState(state) {
    var status = el('status');
    status.textContent = state;
    status.setAttribute('data-state', state);
  }

  function showProblem(text) {
    var problem = el('problem');
    problem.textContent = text || '';
    problem.hidden = !text;
  }

  if (!('EventSource' in window)) {
    setState('unsupported');
    el('unsupported').hidden = false;
    return;
  }

  function onMessage(event) {
    received += 1;
    if (event.lastEventId) {
      lastEventId = event.lastEventId;
      el('lastId').textContent = lastEventId;
      page.ids.push(lastEventId);
      if (page.ids.length > MAX_IDS_KEPT) {
        page.ids.shift();
      }
    }
    el('count').textContent = String(received);
    el('latest').textContent = event.data;
    var item = document.createElement('li');
    var at = document.createElement('span');
    at.className = 'at';
    at.textContent = new Date().toLocaleTimeString();
    item.appendChild(at);
    item.appendChild(document.createTextNode(event.data));
    var list = el('events');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > MAX_SHOWN) {
      list.removeChild(list.lastChild);
    }
  }

  // The hub's account of a resumed stream: how many events were replayed, and whether some were lost.
  function onReplay(event) {
    var replay = JSON.parse(event.data);
    page.replays.push(replay);
    var text = String(replay.replayed);
    if (!replay.complete) {
      text += ' (some events were lost: ' + replay.reason + ')';
    }
    el('replayed').textContent = text;
  }

  // A new EventSource starts without a last event id, so it carries ours in the URL; the browser's own reconnections
  // send the Last-Event-ID header, which the hub prefers.
  function streamUrl() {
    return lastEventId === null ? baseUrl : baseUrl + '&lastEventId=' + encodeURIComponent(lastEventId);
  }

  // Asks the server why the stream was refused. A 4xx is the request's fault: retrying cannot help, so say why and
  // stop. Anything else (a 5xx, no answer) is passing: try again later.
  function explainClosed(url) {
    var controller = new AbortController();
    fetch(url, { signal: controller.signal, cache: 'no-store' })
      .then(function (response) {
        if (response.status >= 400 && response.status < 500) {
          return response.text().then(function (text) {
            setState('closed');
            showProblem('The server refused the stream (' + response.status + '): ' + text.trim());
          });
        }
        controller.abort();
        retryLater();
      })
      .catch(function () { retryLater(); });
  }

  function retryLater() {
    setState('reconnecting');
    window.setTimeout(connect, backoffMs);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }

  function connect() {
    var url = streamUrl();
    var source = new EventSource(url);
    setState(opens === 0 ? 'connecting' : 'reconnecting');
    source.onopen = function () {
      opens += 1;
      backoffMs = 1000;
      el('opens').textContent = String(opens);
      showProblem('');
      setState('open');
    };
    source.onmessage = onMessage;
    source.addEventListener('ssehub-replay', onReplay);
    source.onerror = function () {
      if (source.readyState === EventSource.CONNECTING) {
        setState('reconnecting');
      } else {
        source.close();
        explainClosed(url);
      }
    };
  }

  connect();
}());
