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

// "放到手机桌面": the browser's install prompt, offered only after a first success (a tracked
// case shown: the page's `[data-found]`), never on a first visit; remembered on the phone so
// that later pages may offer it too. Installed, the app opens on 我的申请 (the manifest).
(function () {
  var b = document.getElementById("install");
  if (!b) return;
  var KEY = "onedoor.resident.found";
  var remember = function () { try { localStorage.setItem(KEY, "1"); } catch (e) {} };
  var found = function () { try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; } };
  if (document.querySelector("main [data-found]")) remember();
  var offer = null;
  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault();
    offer = e;
    b.hidden = !found();
  });
  b.addEventListener("click", function () {
    if (!offer) return;
    offer.prompt();
    offer = null;
    b.hidden = true;
  });
  window.addEventListener("appinstalled", function () { b.hidden = true; });
})();
// The certification's location (/my/certify): only after the tick "同意记录我的位置", the
// browser's own position into the form's hidden fields; without it the form works as before.
(function () {
  var c = document.getElementById("certify-consent");
  if (!c || !navigator.geolocation) return;
  var put = function (id, v) { var e = document.getElementById(id); if (e) e.value = v; };
  c.addEventListener("change", function () {
    if (!c.checked) { put("certify-lat", ""); put("certify-lon", ""); return; }
    navigator.geolocation.getCurrentPosition(function (p) {
      if (!c.checked) return;
      put("certify-lat", String(p.coords.latitude));
      put("certify-lon", String(p.coords.longitude));
    }, function () {}, { maximumAge: 60000, timeout: 15000 });
  });
})();
