// DramaWired comments: "Reply" moves the form under the comment, "Cancel reply" puts it
// back. Without JavaScript, "Reply" is a link to a page with the form.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  var cancel = respond && respond.querySelector(".cancel-reply");
  if (!cancel || !document.querySelector("#comments .comment-list")) return;
  var home = document.createElement("div");  // where the form goes back to
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);
  var parent = respond.querySelector("input[name=parent]");
  var title = respond.querySelector("[data-title]");
  var leave = title.textContent;

  document.addEventListener("click", function (event) {
    var link = event.target.closest("#comments a.comment-reply");
    if (!link) return;
    event.preventDefault();
    link.closest("article").after(respond);
    parent.value = link.dataset.replyTo;
    title.textContent = "Reply to " + link.dataset.replyName;
    cancel.hidden = false;
    respond.querySelector("textarea").focus();
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    home.after(respond);
    parent.value = "";
    title.textContent = leave;
    cancel.hidden = true;
    respond.querySelector("textarea").focus();
  });
})();
