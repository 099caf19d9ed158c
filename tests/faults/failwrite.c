/* failwrite: an LD_PRELOAD shim that makes the disk fill up (or fail) under a process.
 *
 * Environment (read once, at load):
 *   FAILWRITE_BYTES=N     bytes the process may write to the files it watches; the write
 *                         that crosses N is cut short at N (as a real full disk does), the
 *                         ones after it fail. Unset: nothing fails (with FAILWRITE_LOG, the
 *                         shim only records what is written).
 *   FAILWRITE_PREFIX=P    watch only regular files whose path starts with P (else every
 *                         regular file; pipes, terminals and sockets are never watched).
 *   FAILWRITE_ERRNO=E     ENOSPC (default: the disk is full) or EIO (the disk fails).
 *   FAILWRITE_LOG=FILE    append one line per watched call: "OP BYTES_BEFORE SIZE RESULT PATH".
 *
 * What fails once the budget is spent: write, pwrite, pwrite64, writev, pwritev (the calls
 * SQLite's unix VFS and the C library use to write a file); fallocate and posix_fallocate
 * count what they would allocate. With EIO, ftruncate and fsync/fdatasync fail too, as on
 * a failing disk; with ENOSPC they still work, as they do on a full disk (truncating frees
 * space, syncing allocates none). The -shm file SQLite maps is extended with 1-byte writes,
 * so it is watched like any other file; writes into the mapping itself are memory.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int armed;              /* FAILWRITE_BYTES was given */
static unsigned long long budget;
static unsigned long long written;  /* bytes written to watched files so far */
static int fail_errno = ENOSPC;
static const char *prefix;
static size_t prefix_len;
static int log_fd = -1;

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);
typedef ssize_t (*pwritev_fn)(int, const struct iovec *, int, off_t);
typedef int (*ftruncate_fn)(int, off_t);
typedef int (*fallocate_fn)(int, int, off_t, off_t);
typedef int (*posix_fallocate_fn)(int, off_t, off_t);
typedef int (*fsync_fn)(int);

static write_fn real_write;
static pwrite_fn real_pwrite, real_pwrite64;
static writev_fn real_writev;
static pwritev_fn real_pwritev;
static ftruncate_fn real_ftruncate, real_ftruncate64;
static fallocate_fn real_fallocate, real_fallocate64;
static posix_fallocate_fn real_posix_fallocate, real_posix_fallocate64;
static fsync_fn real_fsync, real_fdatasync;

static void *next(const char *name) {
  void *f = dlsym(RTLD_NEXT, name);
  if (f == NULL) {
    fprintf(stderr, "failwrite: no next '%s'\n", name);
    abort();
  }
  return f;
}

__attribute__((constructor)) static void failwrite_init(void) {
  real_write = (write_fn)next("write");
  real_pwrite = (pwrite_fn)next("pwrite");
  real_pwrite64 = (pwrite_fn)next("pwrite64");
  real_writev = (writev_fn)next("writev");
  real_pwritev = (pwritev_fn)next("pwritev");
  real_ftruncate = (ftruncate_fn)next("ftruncate");
  real_ftruncate64 = (ftruncate_fn)next("ftruncate64");
  real_fallocate = (fallocate_fn)next("fallocate");
  real_fallocate64 = (fallocate_fn)next("fallocate64");
  real_posix_fallocate = (posix_fallocate_fn)next("posix_fallocate");
  real_posix_fallocate64 = (posix_fallocate_fn)next("posix_fallocate64");
  real_fsync = (fsync_fn)next("fsync");
  real_fdatasync = (fsync_fn)next("fdatasync");

  const char *bytes = getenv("FAILWRITE_BYTES");
  if (bytes != NULL && *bytes != '\0') {
    char *end = NULL;
    budget = strtoull(bytes, &end, 10);
    if (*end != '\0') {
      fprintf(stderr, "failwrite: FAILWRITE_BYTES='%s' is not a number\n", bytes);
      abort();
    }
    armed = 1;
  }
  const char *e = getenv("FAILWRITE_ERRNO");
  if (e != NULL && *e != '\0') {
    if (strcmp(e, "ENOSPC") == 0) {
      fail_errno = ENOSPC;
    } else if (strcmp(e, "EIO") == 0) {
      fail_errno = EIO;
    } else {
      fprintf(stderr, "failwrite: FAILWRITE_ERRNO='%s'; expected ENOSPC or EIO\n", e);
      abort();
    }
  }
  prefix = getenv("FAILWRITE_PREFIX");
  if (prefix != NULL && *prefix == '\0') prefix = NULL;
  prefix_len = prefix != NULL ? strlen(prefix) : 0;
  const char *log = getenv("FAILWRITE_LOG");
  if (log != NULL && *log != '\0') {
    log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
      fprintf(stderr, "failwrite: cannot open log '%s'\n", log);
      abort();
    }
  }
}

/* The path of a watched file into `path`, or 0 when `fd` is not watched. */
static int watched(int fd, char *path, size_t size) {
  if (fd < 0 || fd == log_fd) return 0;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, path, size - 1);
  if (n < 0) return 0;
  path[n] = '\0';
  return prefix == NULL || strncmp(path, prefix, prefix_len) == 0;
}

static void record(const char *op, unsigned long long before, unsigned long long size, long long result,
                   const char *path) {
  if (log_fd < 0) return;
  char line[4200];
  const int n = snprintf(line, sizeof line, "%s %llu %llu %lld %s\n", op, before, size, result, path);
  if (n > 0) real_write(log_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* How much of a `size`-byte write may go through: all of it, part, or none (-1, errno set). */
static ssize_t allowance(size_t size) {
  if (!armed) return (ssize_t)size;
  if (written >= budget) {
    errno = fail_errno;
    return -1;
  }
  const unsigned long long left = budget - written;
  return (ssize_t)(size < left ? size : left);
}

static ssize_t do_write(const char *op, int fd, const void *buf, size_t size, int positioned,
                        off_t offset, pwrite_fn pw) {
  char path[4096];
  if (!watched(fd, path, sizeof path)) {
    return positioned ? pw(fd, buf, size, offset) : real_write(fd, buf, size);
  }
  const unsigned long long before = written;
  ssize_t result;
  const ssize_t allowed = allowance(size);
  if (allowed < 0 || (allowed == 0 && size > 0)) {
    if (allowed == 0) errno = fail_errno;
    result = -1;
  } else {
    result = positioned ? pw(fd, buf, (size_t)allowed, offset) : real_write(fd, buf, (size_t)allowed);
  }
  const int saved = errno;
  if (result > 0) written += (unsigned long long)result;
  record(op, before, size, result < 0 ? -saved : result, path);
  errno = saved;
  return result;
}

ssize_t write(int fd, const void *buf, size_t size) {
  return do_write("write", fd, buf, size, 0, 0, NULL);
}

ssize_t pwrite(int fd, const void *buf, size_t size, off_t offset) {
  return do_write("pwrite", fd, buf, size, 1, offset, real_pwrite);
}

ssize_t pwrite64(int fd, const void *buf, size_t size, off_t offset) {
  return do_write("pwrite64", fd, buf, size, 1, offset, real_pwrite64);
}

static size_t iov_size(const struct iovec *iov, int count) {
  size_t total = 0;
  for (int i = 0; i < count; ++i) total += iov[i].iov_len;
  return total;
}

/* A vector write is cut short by giving the kernel only the iovecs (and part of the last)
 * that fit. */
static ssize_t do_writev(const char *op, int fd, const struct iovec *iov, int count, int positioned,
                         off_t offset) {
  char path[4096];
  if (!watched(fd, path, sizeof path) || count <= 0) {
    return positioned ? real_pwritev(fd, iov, count, offset) : real_writev(fd, iov, count);
  }
  const size_t size = iov_size(iov, count);
  const unsigned long long before = written;
  ssize_t result;
  const ssize_t allowed = allowance(size);
  if (allowed < 0 || (allowed == 0 && size > 0)) {
    errno = fail_errno;
    result = -1;
  } else if ((size_t)allowed == size) {
    result = positioned ? real_pwritev(fd, iov, count, offset) : real_writev(fd, iov, count);
  } else {
    struct iovec cut[64];
    int n = 0;
    size_t left = (size_t)allowed;
    for (int i = 0; i < count && n < 64 && left > 0; ++i, ++n) {
      cut[n] = iov[i];
      if (cut[n].iov_len > left) cut[n].iov_len = left;
      left -= cut[n].iov_len;
    }
    result = positioned ? real_pwritev(fd, cut, n, offset) : real_writev(fd, cut, n);
  }
  const int saved = errno;
  if (result > 0) written += (unsigned long long)result;
  record(op, before, size, result < 0 ? -saved : result, path);
  errno = saved;
  return result;
}

ssize_t writev(int fd, const struct iovec *iov, int count) {
  return do_writev("writev", fd, iov, count, 0, 0);
}

ssize_t pwritev(int fd, const struct iovec *iov, int count, off_t offset) {
  return do_writev("pwritev", fd, iov, count, 1, offset);
}

/* Truncating and syncing fail only on a failing disk (EIO), once the budget is spent. */
static int broken(const char *op, int fd) {
  char path[4096];
  if (!armed || fail_errno != EIO || written < budget || !watched(fd, path, sizeof path)) return 0;
  record(op, written, 0, -EIO, path);
  return 1;
}

int ftruncate(int fd, off_t length) {
  if (broken("ftruncate", fd)) {
    errno = EIO;
    return -1;
  }
  return real_ftruncate(fd, length);
}

int ftruncate64(int fd, off_t length) {
  if (broken("ftruncate64", fd)) {
    errno = EIO;
    return -1;
  }
  return real_ftruncate64(fd, length);
}

int fsync(int fd) {
  if (broken("fsync", fd)) {
    errno = EIO;
    return -1;
  }
  return real_fsync(fd);
}

int fdatasync(int fd) {
  if (broken("fdatasync", fd)) {
    errno = EIO;
    return -1;
  }
  return real_fdatasync(fd);
}

/* Allocation takes room: it fails when what it asks for is more than is left. The budget
 * is not spent by it (a later write into the allocated range counts). */
static int allocation_refused(const char *op, int fd, off_t length) {
  char path[4096];
  if (!armed || !watched(fd, path, sizeof path)) return 0;
  if (written + (unsigned long long)length <= budget) return 0;
  record(op, written, (unsigned long long)length, -fail_errno, path);
  return 1;
}

int fallocate(int fd, int mode, off_t offset, off_t length) {
  if (allocation_refused("fallocate", fd, length)) {
    errno = fail_errno;
    return -1;
  }
  return real_fallocate(fd, mode, offset, length);
}

int fallocate64(int fd, int mode, off_t offset, off_t length) {
  if (allocation_refused("fallocate64", fd, length)) {
    errno = fail_errno;
    return -1;
  }
  return real_fallocate64(fd, mode, offset, length);
}

/* posix_fallocate returns the error instead of setting errno. */
int posix_fallocate(int fd, off_t offset, off_t length) {
  if (allocation_refused("posix_fallocate", fd, length)) return fail_errno;
  return real_posix_fallocate(fd, offset, length);
}

int posix_fallocate64(int fd, off_t offset, off_t length) {
  if (allocation_refused("posix_fallocate64", fd, length)) return fail_errno;
  return real_posix_fallocate64(fd, offset, length);
}
