// Live check of a post while the learner writes it: the fields go (after a pause in typing) to the server's
// checker, the same function that runs on submission, and its checklist is drawn in a polite live region.
// Without JavaScript, « Check my post » sends the form and the page comes back with the same checklist.
(() => {
  const DELAY_MS = 700;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function draw(output, data, labels) {
    const title = element("h3", "studio__checklist-title", labels.title);
    if (output.dataset.headingId) title.id = output.dataset.headingId;
    const length = element(
      "p",
      "studio__length" + (data.length.is_over ? " studio__length--over" : ""),
      labels.length
        .replace("{count}", data.length.count.toLocaleString("fr-FR"))
        .replace("{limit}", data.length.limit.toLocaleString("fr-FR"))
        .replace("{network}", data.network_label),
    );
    const parts = [title, length];
    if (data.findings.length) {
      const list = element("ul", "studio__findings");
      for (const finding of data.findings) {
        const item = element("li", "finding finding--" + finding.status);
        item.append(element("strong", "finding__status", finding.status === "error" ? labels.fix : labels.improve));
        item.append(" " + finding.message + " ");
        const why = element("span", "finding__why", finding.why);
        if (finding.url) {
          const link = element("a", "", labels.lesson);
          link.href = finding.url;
          why.append(" ", link);
        }
        item.append(why);
        list.append(item);
      }
      parts.push(list);
    } else {
      parts.push(element("p", "finding finding--ok", labels.ok));
    }
    output.replaceChildren(...parts);
  }

  function setUp(box) {
    const form = box.closest("form");
    const output = box.querySelector("[data-post-check-output]");
    const fields = box.querySelectorAll("[data-post-field]");
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!form || !output || !token || !fields.length) return;
    const labels = {
      title: box.dataset.labelTitle,
      length: box.dataset.labelLength,
      fix: box.dataset.labelFix,
      improve: box.dataset.labelImprove,
      ok: box.dataset.labelOk,
      lesson: box.dataset.labelLesson,
    };
    let timer = null;
    let controller = null;

    async function run() {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      body.append("network", box.dataset.network);
      for (const flag of ["hasImage", "showsArtwork", "requiresTracking"]) {
        if (flag in box.dataset) body.append(flag.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()), "1");
      }
      let text = "";
      for (const field of fields) {
        body.append(field.dataset.postField, field.value);
        if (field.dataset.postField === "text") text = field.value.trim();
      }
      if (!text) return;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(box.dataset.checkUrl, {
          method: "POST",
          body,
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": token.value },
          signal: controller.signal,
        });
        const data = await response.json();
        if (!response.ok) {
          output.replaceChildren(element("p", "field__errors", data.error || labels.fix));
          return;
        }
        draw(output, data, labels);
      } catch {
        // A newer check replaced this one, or the network failed: « Check my post » still works.
      }
    }

    for (const field of fields) {
      field.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(run, DELAY_MS);
      });
    }
  }

  document.querySelectorAll("[data-post-check]").forEach(setUp);
})();
