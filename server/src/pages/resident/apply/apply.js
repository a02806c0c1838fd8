// The online application's page (/my/apply) and the signing link's: the signature pad, the
// draft kept on the phone as it is typed, and photos made smaller before they are sent. The
// pages' forms work without it except the pad, which needs it (the page says so).
(function () {
  // The signature pad: strokes drawn with a finger; on sending, the PNG and the strokes
  // ("x,y,t;…|…", CSS pixels and milliseconds) go into the form's hidden fields.
  var pads = document.querySelectorAll("canvas[data-pad]");
  Array.prototype.forEach.call(pads, function (c) {
    var form = c.closest("form");
    var ctx = c.getContext("2d");
    var strokes = [], current = null, start = 0;
    ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.strokeStyle = "#000";
    var point = function (e) {
      var r = c.getBoundingClientRect();
      return [Math.round((e.clientX - r.left) * c.width / r.width), Math.round((e.clientY - r.top) * c.height / r.height)];
    };
    c.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      if (!start) start = Date.now();
      var p = point(e);
      current = [[p[0], p[1], Date.now() - start]];
      strokes.push(current);
      ctx.beginPath(); ctx.moveTo(p[0], p[1]);
      if (c.setPointerCapture) c.setPointerCapture(e.pointerId);
    });
    c.addEventListener("pointermove", function (e) {
      if (!current) return;
      var p = point(e);
      current.push([p[0], p[1], Date.now() - start]);
      ctx.lineTo(p[0], p[1]); ctx.stroke();
    });
    var end = function () { current = null; };
    c.addEventListener("pointerup", end);
    c.addEventListener("pointercancel", end);
    var clear = form && form.querySelector("[data-clear]");
    if (clear) clear.addEventListener("click", function () {
      strokes = []; start = 0; ctx.clearRect(0, 0, c.width, c.height);
    });
    if (form) form.addEventListener("submit", function () {
      if (!strokes.length) return;
      form.querySelector("[data-png]").value = c.toDataURL("image/png");
      form.querySelector("[data-strokes]").value = strokes.map(function (s) {
        return s.map(function (p) { return p.join(","); }).join(";");
      }).join("|");
    });
  });

  // The draft on the phone: what is typed in a kept form is stored as it is typed and put
  // back when the page opens with the field empty (a page lost to a dropped connection).
  var kept = document.querySelectorAll("form[data-keep]");
  Array.prototype.forEach.call(kept, function (form) {
    var key = "onedoor.apply." + form.getAttribute("data-keep");
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) {}
    Array.prototype.forEach.call(form.querySelectorAll("textarea, input[type=text]"), function (f) {
      if (!f.value && saved[f.name]) f.value = saved[f.name];
    });
    form.addEventListener("input", function () {
      var now = {};
      Array.prototype.forEach.call(form.querySelectorAll("textarea, input[type=text]"), function (f) { now[f.name] = f.value; });
      try { localStorage.setItem(key, JSON.stringify(now)); } catch (e) {}
    });
  });

  // Photos: a large picture is made smaller (at most 1600 px, JPEG) before sending, so a weak
  // connection carries a few hundred KB instead of several MB. Not an image: left as it is,
  // and the server says so at the field.
  var files = document.querySelectorAll("input[type=file][data-shrink]");
  if (!window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) return;
  Array.prototype.forEach.call(files, function (input) {
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      if (!f || !/^image\/(jpeg|png|webp)$/.test(f.type) || f.size < 1500000) return;
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
        var c = document.createElement("canvas");
        c.width = Math.round(img.width * scale); c.height = Math.round(img.height * scale);
        c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
        c.toBlob(function (b) {
          URL.revokeObjectURL(img.src);
          if (!b) return;
          var t = new DataTransfer();
          t.items.add(new File([b], f.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }));
          input.files = t.files;
        }, "image/jpeg", 0.8);
      };
      img.src = URL.createObjectURL(f);
    });
  });
})();
