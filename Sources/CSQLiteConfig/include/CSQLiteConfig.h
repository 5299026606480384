#ifndef CSQLITECONFIG_H
#define CSQLITECONFIG_H

/// `sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`, which Swift cannot call (a variadic
/// function): SQLite stops counting its memory, which it does under one mutex for the whole
/// process on every allocation and free. Returns SQLite's result code: SQLITE_MISUSE, with
/// nothing changed, once SQLite is initialized (a connection was opened).
int csqlite_stop_memory_statistics(void);

#endif
