#ifndef PLANSITE_PLATFORM_H
#define PLANSITE_PLATFORM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): both must exist. Returns 0 on
/// success, -1 with errno set otherwise (ENOSYS/EINVAL where the kernel or file system cannot do it).
int plansite_exchange_paths(const char *first, const char *second);

/// Opens a non-blocking inotify instance for `plansite_watch_add` and `plansite_watch_read`. Returns the
/// descriptor, or -1 where the system has none (not Linux, or out of instances).
int plansite_watch_open(void);

/// Watches the entries of one folder (created, deleted, written, renamed, touched). Returns the watch
/// descriptor, or -1.
int plansite_watch_add(int watcher, const char *folder);

/// Reads every pending event into `out` as records "<watch descriptor>\0<name>\0". Returns the bytes
/// written (0 when nothing happened), or -1 when a rescan is needed: events were lost, a folder itself
/// was created, deleted or moved, or `out` is too small.
long plansite_watch_read(int watcher, char *out, long capacity);

#endif
