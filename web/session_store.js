// The session the page keeps between visits (engine/protocol/saved_session.h: the model, its
// runs and the settings, as bytes the UI module writes and reads) in IndexedDB: database
// "cnn-playground", store "session", one record under the key "current".
//
//   const store = await openSessionStore();   // never rejects: a store that cannot open is
//   store.saved                                //   a store that keeps nothing (store.error says why)
//   store.saves, store.lastSaved               // how many writes went through, and the last one's bytes
//   store.save(bytes)                          // the newest bytes win; writes never overlap
//   store.onError = (message) => ...           // a write failed
//   store.clear()                              // forgets the session (tests, "start afresh")
const kDatabase = 'cnn-playground';
const kStore = 'session';
const kKey = 'current';
// An open that never settles (another tab holds an old version open) must not hold the page:
// after this long it starts without the saved session.
const kOpenTimeoutMs = 3000;

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(kDatabase, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(kStore);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB cannot be opened'));
    r.onblocked = () => reject(new Error('IndexedDB is held by another tab of this page'));
    setTimeout(() => reject(new Error(`IndexedDB did not open within ${kOpenTimeoutMs / 1000} s`)), kOpenTimeoutMs);
  });
}

export async function openSessionStore() {
  const store = {
    saved: null, error: null, saves: 0, lastSaved: null, onError: null,
    save(bytes) {},
    async clear() {},
  };
  let db;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    db = await openDatabase();
    const value = await request(db.transaction(kStore).objectStore(kStore).get(kKey));
    if (value instanceof Uint8Array) store.saved = value;
    else if (value instanceof ArrayBuffer) store.saved = new Uint8Array(value);
  } catch (error) {
    store.error = error?.message ?? String(error);
    console.warn(`no saved session: ${store.error}`);
    store.save = () => store.onError?.(store.error);
    return store;
  }

  let writing = false;
  let pending = null;
  const write = async () => {
    writing = true;
    while (pending) {
      const bytes = pending;
      pending = null;
      try {
        const tx = db.transaction(kStore, 'readwrite');
        tx.objectStore(kStore).put(bytes, kKey);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('the write was aborted'));
        });
        store.saves += 1;
        store.lastSaved = bytes;
      } catch (error) {
        store.onError?.(error?.name === 'QuotaExceededError' ? 'no space left for it' : (error?.message ?? String(error)));
      }
    }
    writing = false;
  };
  store.save = (bytes) => {
    pending = bytes;
    if (!writing) write();
  };
  store.clear = () => request(db.transaction(kStore, 'readwrite').objectStore(kStore).delete(kKey));
  return store;
}
