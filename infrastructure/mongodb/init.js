// DVMDash MongoDB setup, for mongosh: mongosh "mongodb://10.10.0.21:27017/dvmdash" infrastructure/mongodb/init.js
// Creates the raw-event collection and the indexes the processors also ensure at start (EventStore.ensureIndexes),
// so a fresh database is ready before the first processor runs. Safe to run again (createIndex is idempotent).
// Optionally creates the application user when DVMDASH_MONGO_PASSWORD is set in mongosh's environment.
const dbName = db.getName() === "test" ? "dvmdash" : db.getName();
const d = db.getSiblingDB(dbName);

if (!d.getCollectionNames().includes("events")) {
  d.createCollection("events");
}
const events = d.getCollection("events");
// _id is the event id (unique by construction); lookups by kind, author, referenced event/pubkey, and the
// job an `i` tag of type job points at, each newest first; created_at alone for export and retention by time.
events.createIndex({kind: 1, created_at: -1});
events.createIndex({pubkey: 1, created_at: -1});
events.createIndex({e: 1, created_at: -1});
events.createIndex({p: 1, created_at: -1});
events.createIndex({i_job: 1, created_at: -1});
events.createIndex({created_at: -1});

const password = typeof process !== "undefined" ? process.env.DVMDASH_MONGO_PASSWORD : undefined;
if (password) {
  if (!d.getUser("dvmdash")) {
    d.createUser({user: "dvmdash", pwd: password, roles: [{role: "readWrite", db: dbName}]});
    print("created user dvmdash on " + dbName);
  }
}
print("DVMDash collection " + dbName + ".events ready with " + events.getIndexes().length + " indexes");
