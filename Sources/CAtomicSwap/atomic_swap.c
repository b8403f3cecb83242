#define _GNU_SOURCE
#include "atomic_swap.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/syscall.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int gazette_exchange_paths(const char *first, const char *second) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}
#else
int gazette_exchange_paths(const char *first, const char *second) {
    (void)first;
    (void)second;
    errno = ENOSYS;
    return -1;
}
#endif

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw) {
    (void)info;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int gazette_remove_tree(const char *path) {
    return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

static long counted_files;

static int count_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw) {
    (void)path;
    (void)info;
    (void)ftw;
    if (flag != FTW_D && flag != FTW_DP && flag != FTW_DNR) counted_files += 1;
    return 0;
}

long gazette_count_files(const char *path) {
    // nftw's callback has no context argument: a static counter, so one count at a time.
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    counted_files = 0;
    long result = nftw(path, count_entry, 32, FTW_PHYS) == 0 ? counted_files : -1;
    pthread_mutex_unlock(&lock);
    return result;
}

int gazette_write_file(const char *path, const void *bytes, long count) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    const char *at = (const char *)bytes;
    while (count > 0) {
        ssize_t written = write(fd, at, (size_t)count);
        if (written < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        at += written;
        count -= written;
    }
    return close(fd);
}
