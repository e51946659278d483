// Records that the learner opened this lesson ("Started on …"): a POST sent once the page is shown, so that
// reading a page (GET) never writes. Without JavaScript the lesson counts as started when it is marked as done.
document.querySelectorAll("form[data-lesson-visit]").forEach((form) => {
  fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).catch(() => {});
});
