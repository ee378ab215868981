#define _GNU_SOURCE
#include "plansite_platform.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/inotify.h>
#endif

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int plansite_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#if defined(__linux__)
int plansite_watch_open(void) {
    return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

int plansite_watch_add(int watcher, const char *folder) {
    return inotify_add_watch(watcher, folder, IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB
                                                  | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF);
}

long plansite_watch_read(int watcher, char *out, long capacity) {
    char events[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
    long written = 0;
    int rescan = 0;
    for (;;) {
        ssize_t length = read(watcher, events, sizeof events);
        if (length < 0 && errno == EINTR) continue;
        if (length <= 0) break;  /* EAGAIN: nothing more pending */
        for (char *next = events; next < events + length;) {
            const struct inotify_event *event = (const struct inotify_event *)next;
            next += sizeof(struct inotify_event) + event->len;
            if (event->mask & (IN_Q_OVERFLOW | IN_ISDIR | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
                rescan = 1;
                continue;
            }
            if (rescan || event->len == 0) continue;
            int digits = snprintf(out + written, (size_t)(capacity > written ? capacity - written : 0), "%d", event->wd);
            size_t name = strlen(event->name);
            if (digits < 0 || written + digits + 1 + (long)name + 1 > capacity) {
                rescan = 1;
                continue;
            }
            written += digits + 1;  /* snprintf wrote the terminating NUL */
            memcpy(out + written, event->name, name + 1);
            written += (long)name + 1;
        }
    }
    return rescan ? -1 : written;
}
#else
int plansite_watch_open(void) { return -1; }
int plansite_watch_add(int watcher, const char *folder) { (void)watcher; (void)folder; return -1; }
long plansite_watch_read(int watcher, char *out, long capacity) { (void)watcher; (void)out; (void)capacity; return -1; }
#endif
