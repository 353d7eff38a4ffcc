/**
 * Loaded before teams-js. teams-js fetches its list of valid Teams origins from Microsoft's CDN when
 * it loads; this app serves everything itself (the page's CSP allows no other host), so that one
 * request is answered here with "not found" and teams-js uses the list it ships with, as it does
 * whenever the CDN cannot be reached. Every other request goes through untouched.
 */
export {};

const CDN = 'https://res.cdn.office.net/teams-js/';
const realFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = input instanceof Request ? input.url : String(input);
  return url.startsWith(CDN) ? Promise.resolve(new Response(null, { status: 404 })) : realFetch(input, init);
};
