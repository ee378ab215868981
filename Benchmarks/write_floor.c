/* The write floor: how long it takes only to put a site's files on a file system, with nothing computed.
 * usage: write_floor <site folder> <new folder> [threads]
 *
 * It lists every file of <site folder> (its path and size), then creates the same folders and writes files of
 * the same sizes into <new folder> from one buffer, on [threads] threads (default 2: the cores of this
 * machine), each file through open/write/close as a generator writes it. It prints the files, the bytes and
 * the seconds the writing took (the listing is not timed). No generator can write that site there faster, so
 * it tells how much of a build's time is the file system's (docs/performance.md). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct { char *path; long size; int is_folder; } Entry;

static Entry *entries;
static size_t count, capacity, root_length;
static char *buffer;
static long largest;
static const char *target;
static int threads = 2;

static int collect(const char *path, const struct stat *info, int type, struct FTW *walk) {
    (void)walk;
    if (type != FTW_F && type != FTW_D) return 0;
    if (strlen(path) == root_length) return 0;  /* the site folder itself */
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 1 << 16;
        entries = realloc(entries, capacity * sizeof *entries);
    }
    entries[count].path = strdup(path + root_length);
    entries[count].size = type == FTW_F ? (long)info->st_size : 0;
    entries[count].is_folder = type == FTW_D;
    if (entries[count].size > largest) largest = entries[count].size;
    count++;
    return 0;
}

static void *write_files(void *argument) {
    long thread = (long)argument;
    char path[8192];
    for (size_t i = (size_t)thread; i < count; i += (size_t)threads) {
        if (entries[i].is_folder) continue;
        snprintf(path, sizeof path, "%s%s", target, entries[i].path);
        int file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (file < 0) { perror(path); exit(1); }
        long done = 0;
        while (done < entries[i].size) {
            ssize_t written = write(file, buffer + done, (size_t)(entries[i].size - done));
            if (written <= 0) { perror(path); exit(1); }
            done += written;
        }
        close(file);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s <site folder> <new folder> [threads]\n", argv[0]); return 2; }
    if (argc > 3) threads = atoi(argv[3]);
    if (threads < 1) threads = 1;
    root_length = strlen(argv[1]);
    if (nftw(argv[1], collect, 64, FTW_PHYS) != 0) { perror(argv[1]); return 1; }
    target = argv[2];
    buffer = malloc((size_t)largest + 1);
    memset(buffer, 'x', (size_t)largest + 1);
    long long bytes = 0;
    size_t files = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (mkdir(target, 0755) != 0 && errno != EEXIST) { perror(target); return 1; }
    /* nftw lists a folder before what it holds, so the folders are made in order, then the files in parallel. */
    char path[8192];
    for (size_t i = 0; i < count; i++) {
        if (!entries[i].is_folder) { bytes += entries[i].size; files++; continue; }
        snprintf(path, sizeof path, "%s%s", target, entries[i].path);
        if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); return 1; }
    }
    pthread_t workers[64];
    if (threads > 64) threads = 64;
    for (long t = 0; t < threads; t++) pthread_create(&workers[t], NULL, write_files, (void *)t);
    for (long t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%zu files, %lld bytes written in %.3f s on %d threads\n", files, bytes, seconds, threads);
    return 0;
}
