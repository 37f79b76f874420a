// Subscribes to a Mercure hub with the npm "eventsource" client and prints one JSON line per event (and one when the
// stream opens), then exits after COUNT events (0), after SECONDS (2), or on a refused stream (3). Used by
// MercureClientLibraryTest; it talks to 127.0.0.1 only.
// Usage: node subscribe.js URL COUNT SECONDS   (MERCURE_COOKIE: a Cookie header to send; MERCURE_TOKEN: a bearer token)
const { EventSource } = require('eventsource');

const [url, count, seconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) {
  console.error('only http://127.0.0.1 is allowed');
  process.exit(64);
}
const headers = {};
if (process.env.MERCURE_COOKIE) headers.Cookie = process.env.MERCURE_COOKIE;
if (process.env.MERCURE_TOKEN) headers.Authorization = 'Bearer ' + process.env.MERCURE_TOKEN;
const source = new EventSource(url, {
  fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...headers } })
});
let received = 0;
const print = (event) => {
  console.log(JSON.stringify({ id: event.lastEventId, type: event.type, data: event.data }));
  if (++received >= count) {
    source.close();
    process.exit(0);
  }
};
source.onopen = () => console.log(JSON.stringify({ open: true }));
source.onmessage = print;
source.addEventListener('note', print);
source.onerror = (error) => {
  console.log(JSON.stringify({ error: String(error.message || error.code || 'error') }));
  if (error.code >= 400) process.exit(3);
};
setTimeout(() => { source.close(); process.exit(2); }, seconds * 1000);
