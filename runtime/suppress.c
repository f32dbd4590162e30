/*
 * suppress.c - loading the suppressions file and matching reports against
 * it, and the code ranges whose calls into libc are not checked (see
 * suppress.h). The rules and ranges are set once, before main runs, and
 * are read-only afterwards.
 */
#include "suppress.h"
#include "rt.h"

#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#define MAX_RULES 256
#define MAX_LIB_RANGES 64

static char *race_rules[MAX_RULES]; /* written by suppress_load only */
static int nrace_rules;

struct range {
    uintptr_t lo, hi;
};
static struct range lib_ranges[MAX_LIB_RANGES]; /* written by suppress_load only */
static int nlib_ranges;

/* `*` matches any run of characters; the whole of text must match. */
static int glob(const char *p, const char *t)
{
    if (!*p)
        return !*t;
    if (*p == '*') {
        for (;; t++) {
            if (glob(p + 1, t))
                return 1;
            if (!*t)
                return 0;
        }
    }
    return *t && *p == *t && glob(p + 1, t + 1);
}

int suppress_match(const char *pattern, const char *text)
{
    char buf[1024];
    size_t n = strlen(pattern);
    int head = pattern[0] == '^', tail = n > 0 && pattern[n - 1] == '$';
    const char *body = pattern + head;
    size_t blen = n - (size_t)head - (size_t)tail;
    if (blen + 3 > sizeof buf)
        return 0;
    size_t k = 0;
    if (!head)
        buf[k++] = '*';
    rt_memcpy(buf + k, body, blen);
    k += blen;
    if (!tail)
        buf[k++] = '*';
    buf[k] = 0;
    return glob(buf, text);
}

int suppress_frame(const char *function, const char *file, const char *module)
{
    for (int i = 0; i < nrace_rules; i++) {
        if ((function && suppress_match(race_rules[i], function)) ||
            (file && suppress_match(race_rules[i], file)) ||
            (module && suppress_match(race_rules[i], module)))
            return 1;
    }
    return 0;
}

int suppress_caller(uintptr_t pc)
{
    for (int i = 0; i < nlib_ranges; i++)
        if (pc >= lib_ranges[i].lo && pc < lib_ranges[i].hi)
            return 1;
    return 0;
}

/*
 * The block an interceptor has handed to libc on its caller's behalf
 * (suppress_lend_block), and that caller's pc. Per thread: only libc code
 * running on this thread for that interceptor can reallocate it.
 */
static __thread uintptr_t lent_block __attribute__((tls_model("initial-exec")));
static __thread uintptr_t lent_pc __attribute__((tls_model("initial-exec")));

int suppress_private_alloc(uintptr_t *pc, uintptr_t block)
{
    if (likely(!suppress_caller(*pc)))
        return 0;
    if (block && block == lent_block) {
        *pc = lent_pc;
        return 0;
    }
    return 1;
}

uintptr_t suppress_lend_block(uintptr_t block, uintptr_t pc)
{
    uintptr_t before = lent_block;
    lent_block = block;
    lent_pc = pc;
    return before;
}

void suppress_unlend_block(uintptr_t before)
{
    lent_block = before;
}

/* Record the executable segments of a loaded object. */
static void add_ranges(const struct dl_phdr_info *info)
{
    for (int i = 0; i < info->dlpi_phnum && nlib_ranges < MAX_LIB_RANGES; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            lib_ranges[nlib_ranges].lo = info->dlpi_addr + ph->p_vaddr;
            lib_ranges[nlib_ranges].hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
            nlib_ranges++;
        }
    }
}

/* Record the code ranges of loaded objects whose name matches the rule. */
static int add_lib(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    const char *pattern = arg;
    if (info->dlpi_name && info->dlpi_name[0] && suppress_match(pattern, info->dlpi_name))
        add_ranges(info);
    return 0;
}

/* Does one of the object's loaded segments hold addr? */
static int holds(const struct dl_phdr_info *info, uintptr_t addr)
{
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && addr >= lo && addr < lo + ph->p_memsz)
            return 1;
    }
    return 0;
}

/* The dynamic loader's own entry point for dynamic TLS. */
void *__tls_get_addr(void *);

/* libc is the object holding __libc_malloc; the dynamic loader is the one
 * holding __tls_get_addr, or the one loaded at AT_BASE. */
static int add_glibc(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    uintptr_t loader = (uintptr_t)getauxval(AT_BASE);
    if (holds(info, (uintptr_t)&__libc_malloc) || holds(info, (uintptr_t)&__tls_get_addr) ||
        (loader && info->dlpi_addr == loader))
        add_ranges(info);
    return 0;
}

void suppress_init_libc(void)
{
    dl_iterate_phdr(add_glibc, 0);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

int suppress_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read suppressions file '%s': %s", path, strerror(errno));
        return -1;
    }
    char line[1100];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *colon = strchr(s, ':');
        char *pattern = colon ? trim(colon + 1) : 0;
        if (!colon || !*pattern) {
            snprintf(err, errlen,
                     "%s:%d: expected 'race:PATTERN' or 'called_from_lib:LIB', got '%s'", path,
                     lineno, s);
            rc = -1;
        } else if (colon - s == 4 && !strncmp(s, "race", 4)) {
            if (nrace_rules == MAX_RULES) {
                snprintf(err, errlen, "%s:%d: more than %d race rules", path, lineno, MAX_RULES);
                rc = -1;
            } else {
                race_rules[nrace_rules++] = rt_strdup(pattern);
            }
        } else if (colon - s == 15 && !strncmp(s, "called_from_lib", 15)) {
            dl_iterate_phdr(add_lib, pattern);
        } else {
            *colon = 0;
            snprintf(err, errlen,
                     "%s:%d: unknown suppression type '%s' (known: race, called_from_lib)", path,
                     lineno, s);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}
