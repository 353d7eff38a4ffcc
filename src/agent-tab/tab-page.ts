/** The console page shell; everything visible is filled in by tab.js in the agent's language. */
export function tabPage(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Agent console</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 0; color: #242424; background: #f5f5f5; }
  header { background: #464775; color: #fff; padding: 8px 16px; display: flex; gap: 16px; align-items: center; }
  header h1 { font-size: 18px; margin: 0; }
  #banner { background: #fff4ce; color: #5c4400; padding: 6px 16px; font-size: 13px; }
  main { display: grid; grid-template-columns: 280px 1fr 280px; gap: 12px; padding: 12px; }
  section { background: #fff; border-radius: 4px; padding: 10px; box-shadow: 0 1px 2px rgba(0,0,0,.1); min-height: 200px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  ul { list-style: none; padding: 0; margin: 0; }
  .tickets li { border-bottom: 1px solid #eee; }
  .tickets li button { all: unset; box-sizing: border-box; display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; width: 100%; padding: 6px; cursor: pointer; }
  .tickets li button:focus-visible { outline: 2px solid #5b5fc7; }
  .tickets li.selected button { background: #e8ebfa; }
  .tickets .order { font-weight: 600; }
  .tickets .id, .tickets .lang, .tickets .status { font-size: 12px; color: #555; }
  .tickets .status { text-align: right; }
  .empty { color: #555; font-size: 13px; }
  #notice { font-size: 13px; color: #5c4400; background: #fff4ce; padding: 4px 6px; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 10px; font-size: 13px; margin: 4px 0 10px; }
  dt { color: #555; }
  dd { margin: 0; }
  h3 { font-size: 14px; margin: 8px 0 4px; }
  #transcript li { padding: 4px 0; }
  #transcript .from { font-weight: 600; margin-right: 4px; }
  textarea, input, select { width: 100%; box-sizing: border-box; margin: 4px 0; font: inherit; }
  button { background: #5b5fc7; color: #fff; border: 0; border-radius: 3px; padding: 5px 12px; cursor: pointer; margin: 2px 0; }
  #status { font-size: 13px; color: #555; min-height: 1.2em; }
</style>
</head>
<body>
<header><h1 id="title">Agent console</h1><span id="who"></span></header>
<div id="banner" hidden></div>
<main>
  <section>
    <h2 id="queue-title">Queue</h2><button id="refresh" type="button">Refresh</button>
    <ul id="queue" class="tickets"></ul><p id="queue-empty" class="empty" hidden></p>
    <h2 id="history-title">Closed tickets</h2>
    <ul id="history" class="tickets"></ul><p id="history-empty" class="empty" hidden></p>
  </section>
  <section>
    <h2 id="transcript-title">Transcript</h2>
    <div id="ticket-info"></div>
    <ul id="transcript"></ul>
    <p id="notice" hidden></p>
    <button id="accept" type="button" hidden>Accept</button>
    <div id="actions" hidden>
      <label for="reply" id="reply-label">Reply</label>
      <textarea id="reply" rows="3"></textarea>
      <button id="send" type="button">Send</button>
      <select id="canned" aria-labelledby="reply-label"></select>
      <button id="send-canned" type="button">Send</button>
      <button id="end" type="button">End</button>
    </div>
    <div id="status" role="status"></div>
  </section>
  <section><h2 id="order-title">Order lookup</h2><input id="order-id" placeholder="112-0000000-0000000" aria-labelledby="order-title"><button id="lookup" type="button">Look up</button><div id="order"></div></section>
</main>
<script src="${base}/no-cdn.js"></script>
<script src="${base}/teams.js"></script>
<script src="${base}/tab.js" data-base="${base}"></script>
</body>
</html>`;
}
