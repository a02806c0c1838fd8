// Scripts run inside the page (each is sent to the browser whole: no outside names), on the
// app's own IndexedDB layout (`app/src/store/`) and its forms.
import { inPage } from "./browser.mjs";

/**
 * Writes `count` hardship reports into the app's IndexedDB in its own layout
 * (`store::records::LocalRecord`, and with `outbox`, `store::outbox::Queued` whole-record
 * saves), `perTx` records per transaction. Answers the ms the transactions took (the objects
 * are made before the clock starts).
 */
export async function pageWriteRecords({ db: dbInfo, count, perTx, template, marker, state, outbox }) {
  const open = (version) =>
    new Promise((ok, no) => {
      const r = version ? indexedDB.open(dbInfo.name, version) : indexedDB.open(dbInfo.name);
      r.onupgradeneeded = () => {
        // The app's schema (app/src/store/db.rs), in case this page got here first.
        const db = r.result;
        const stores = [["records", "key"], ["outbox", "key"], ["meta", null], ["uploads", "key"], ["attachments", "sha256"]];
        for (const [name, keyPath] of stores) {
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, keyPath ? { keyPath } : undefined);
        }
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
      r.onblocked = () => no(new Error("IndexedDB open blocked"));
    });
  let db;
  try {
    db = await open(dbInfo.version);
  } catch (e) {
    if (e?.name !== "VersionError") throw e;
    db = await open(null); // the app's schema moved on; write into whatever it is now
  }
  for (const s of ["records", "outbox"]) {
    if (!db.objectStoreNames.contains(s)) throw new Error(`the app's database has no “${s}” store`);
  }
  let lastMs = 0;
  let seq = 0;
  const uuidv7 = () => {
    let now = Date.now();
    if (now <= lastMs) {
      if (++seq > 0xfff) {
        lastMs++;
        seq = 0;
      }
      now = lastMs;
    } else {
      lastMs = now;
      seq = 0;
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
    b[6] = 0x70 | ((seq >> 8) & 0x0f);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8] & 0x3f);
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const rows = [];
  for (let i = 0; i < count; i++) {
    const id = uuidv7();
    const body = { ...template, id, description: `${marker} ${i}` };
    const key = `hardship:${id}`;
    const record = { key, kind: "hardship", id, version: null, state, message: null, saved_at: Date.now(), local: true, body };
    const queued = outbox
      ? {
          key,
          record: key,
          op: {
            id: uuidv7(),
            made_at: new Date().toISOString(),
            body: { op: "save_field_record", kind: "hardship", id, base_version: null, body },
          },
        }
      : null;
    rows.push([record, queued]);
  }
  const stores = outbox ? ["records", "outbox"] : ["records"];
  const t0 = performance.now();
  for (let at = 0; at < rows.length; at += perTx) {
    await new Promise((ok, no) => {
      const tx = db.transaction(stores, "readwrite");
      const records = tx.objectStore("records");
      const box = outbox ? tx.objectStore("outbox") : null;
      for (const [record, queued] of rows.slice(at, at + perTx)) {
        records.put(record);
        if (box) box.put(queued);
      }
      tx.oncomplete = ok;
      tx.onerror = () => no(tx.error);
      tx.onabort = () => no(tx.error ?? new Error("transaction aborted"));
    });
  }
  const took = performance.now() - t0;
  db.close();
  return took;
}

/**
 * Every row of the app's `stores`; with `hashBlobs`, each row's Blob field `blob` is replaced
 * by its `size` and the SHA-256 computed here (`sha256_of_blob`), since a Blob cannot leave
 * the page.
 */
export async function pageStores({ db: dbInfo, stores, hashBlobs }) {
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open(dbInfo.name);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  const out = {};
  for (const store of stores) {
    out[store] = await new Promise((ok, no) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    if (!hashBlobs) continue;
    for (const row of out[store]) {
      if (!(row.blob instanceof Blob)) continue;
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await row.blob.arrayBuffer()));
      row.sha256_of_blob = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
      row.size = row.blob.size;
      delete row.blob;
    }
  }
  db.close();
  return out;
}

/** How many of the app's records (and outbox entries) have a description starting `marker`. */
export async function countOnPhone(page, dbInfo, marker) {
  const { records, outbox } = await inPage(page, pageStores, { db: dbInfo, stores: ["records", "outbox"] });
  const mine = records.filter((r) => String(r.body?.description).startsWith(marker));
  return {
    records: mine.length,
    received: mine.filter((r) => r.state === "received").length,
    outbox: outbox.length,
    total: records.length,
  };
}

/** The signed-in account as the app keeps it (`meta` store, key `account`). */
export async function pageAccount({ db: dbInfo }) {
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open(dbInfo.name);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  const account = await new Promise((ok, no) => {
    const r = db.transaction("meta").objectStore("meta").get("account");
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  db.close();
  return account;
}

/**
 * Saves the hardship form `n` times: types a description, clicks 保存, and times from the
 * click to the moment the "saved" status is put in the page (MutationObserver). Waits `gap`
 * ms between saves (the sync round each save starts runs meanwhile).
 */
export async function pageSaveForms({ n, gap, marker }) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const area = document.querySelector('form textarea[name="description"]');
    const button = document.querySelector('form button[type="submit"]');
    if (!area || !button) throw new Error("the hardship form is not on the page");
    area.value = `${marker} ${i}`;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    let t0 = 0;
    const saved = new Promise((ok, no) => {
      const timer = setTimeout(() => {
        mo.disconnect();
        no(new Error(`save ${i + 1}: no “saved” status within 10 s`));
      }, 10_000);
      const mo = new MutationObserver((list) => {
        const t = performance.now();
        for (const m of list) {
          for (const node of m.addedNodes) {
            if (node.nodeType !== 1) continue;
            if (node.matches("p.saved") || node.querySelector("p.saved")) {
              mo.disconnect();
              clearTimeout(timer);
              return ok(t);
            }
            const alert = node.matches('[role="alert"]') ? node : node.querySelector('[role="alert"]');
            if (alert && alert.closest("form")) {
              mo.disconnect();
              clearTimeout(timer);
              return no(new Error(`save ${i + 1} refused: ${alert.textContent.trim()}`));
            }
          }
        }
      });
      mo.observe(document.body, { childList: true, subtree: true });
    });
    t0 = performance.now();
    button.click();
    times.push((await saved) - t0);
    await new Promise((r) => setTimeout(r, gap));
  }
  return times;
}

