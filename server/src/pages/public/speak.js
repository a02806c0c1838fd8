// "读给我听": reads the page's main text aloud with the browser's speech synthesis. The button
// stays hidden where the browser has none; a second press stops reading.
(function () {
  var b = document.getElementById("speak");
  if (!b || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance !== "function") return;
  b.hidden = false;
  b.addEventListener("click", function () {
    var s = window.speechSynthesis;
    if (s.speaking) { s.cancel(); return; }
    var main = document.querySelector("main");
    var u = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
    u.lang = document.documentElement.lang === "en" ? "en-US" : "zh-CN";
    u.rate = 0.9;
    s.speak(u);
  });
})();
