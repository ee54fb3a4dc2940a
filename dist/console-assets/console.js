// The console's only script (served as a file: the pages allow no inline code). It keeps the list of
// pending approvals live from the server's event stream: a new held call appears without reloading,
// a decided one disappears. Every value goes in with textContent, never as markup.

(() => {
  const status = document.getElementById('live-status');
  const table = document.getElementById('pending');
  const template = document.getElementById('approval-row');
  if (!status || !table || !template) return;
  const body = table.tBodies[0];
  const empty = document.getElementById('pending-empty');
  const eventsUrl = status.dataset.events;
  const base = eventsUrl.replace(/\/events$/, '');

  const short = (iso) => (iso ? iso.replace('.000Z', 'Z') : '');
  const set = (row, field, text) => {
    const el = row.querySelector(`[data-field="${field}"]`);
    if (el) el.textContent = text ?? '';
    return el;
  };

  function fill(row, a) {
    row.dataset.id = a.id;
    const link = set(row, 'id', a.id.slice(0, 8));
    link.href = `${base}/approvals/${encodeURIComponent(a.id)}`;
    set(row, 'created', short(a.created_at));
    set(row, 'agent', a.agent);
    set(row, 'tool', a.tool);
    set(row, 'backend', a.backend);
    set(row, 'amount', a.amount === undefined ? '' : String(a.amount));
    set(row, 'expires', short(a.expires_at));
    set(row, 'summary', a.summary);
    const args = row.querySelector('[data-field="args"]');
    if (args && a.args !== undefined) {
      let text = a.args;
      try {
        text = JSON.stringify(JSON.parse(a.args), null, 2);
      } catch {}
      const pre = document.createElement('pre');
      pre.className = 'args';
      pre.textContent = text;
      args.replaceChildren(pre);
    }
    for (const form of row.querySelectorAll('form[data-action]')) {
      form.action = `${base}/approvals/${encodeURIComponent(a.id)}/${form.dataset.action}`;
    }
  }

  function refresh() {
    if (empty) empty.hidden = body.rows.length > 0;
  }

  const source = new EventSource(eventsUrl);
  source.addEventListener('open', () => {
    status.textContent = 'Updates live.';
    status.classList.remove('offline');
  });
  source.addEventListener('error', () => {
    status.textContent = 'Connection lost; reconnecting…';
    status.classList.add('offline');
  });
  source.addEventListener('approval', (event) => {
    const a = JSON.parse(event.data);
    const existing = [...body.rows].find((r) => r.dataset.id === a.id);
    if (a.status !== 'pending') {
      existing?.remove();
    } else if (!existing) {
      const row = template.content.firstElementChild.cloneNode(true);
      fill(row, a);
      body.prepend(row);
    }
    refresh();
  });
})();
