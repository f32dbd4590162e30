/*
 * options.c - CRACE_OPTIONS parsing and the option values.
 *
 * Syntax: keys and values separated by '='; pairs separated by spaces,
 * commas, colons or tabs (like GORACE and TSAN_OPTIONS). Inside an
 * unquoted value a colon separates only when a key and '=' follow it, so
 * values such as pprof_http=127.0.0.1:6060 stay whole. A value may be
 * quoted, 'like this' or "like this", to hold separators (a log_path with a
 * space or a colon); there are no escapes inside quotes. An unknown key or a
 * value out of range is an error: the runtime prints it and exits with
 * status 2 before main runs, so a typo never silently changes behaviour.
 */
#include "options.h"
#include "rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int opt_exitcode;
int opt_halt_on_error;
const char *opt_log_path;
const char *opt_strip_path_prefix;
const char *opt_suppressions;
unsigned opt_history_size;
int opt_atexit_sleep_ms;
int opt_verbosity;
int opt_color;
int opt_report_json;
int opt_quarantine_mb;
int opt_log_root_pid;
const char *opt_mutex_profile;
int opt_mutex_profile_fraction;
const char *opt_block_profile;
int opt_block_profile_rate;
const char *opt_goroutine_profile;
const char *opt_pprof_http;
const char *opt_trace_path;
int opt_trace_max_mb;
int opt_trace_locks;

void options_reset(void)
{
    opt_exitcode = 66;
    opt_halt_on_error = 0;
    opt_log_path = 0;
    opt_strip_path_prefix = "";
    opt_suppressions = 0;
    opt_history_size = 1;
    opt_atexit_sleep_ms = 1000;
    opt_verbosity = 0;
    opt_color = COLOR_AUTO;
    opt_report_json = 0;
    opt_quarantine_mb = 1;
    opt_log_root_pid = 0;
    opt_mutex_profile = 0;
    opt_mutex_profile_fraction = 1;
    opt_block_profile = 0;
    opt_block_profile_rate = 1;
    opt_goroutine_profile = 0;
    opt_pprof_http = 0;
    opt_trace_path = 0;
    opt_trace_max_mb = 100;
    opt_trace_locks = 0;
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
    char *end;
    if (!*v)
        return -1;
    long x = strtol(v, &end, 10);
    if (*end || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int parse_bool(const char *v, int *out)
{
    if (!strcmp(v, "1") || !strcmp(v, "true")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(v, "0") || !strcmp(v, "false")) {
        *out = 0;
        return 0;
    }
    return -1;
}

enum opt_kind { OPT_INT, OPT_BOOL, OPT_STRING, OPT_PATH /* non-empty */, OPT_CHOICE };

struct opt_desc {
    const char *name;
    enum opt_kind kind;
    long lo, hi;
    void *value;
    const char *help; /* shown when the value is rejected */
};

static const struct opt_desc opts[] = {
    {"exitcode", OPT_INT, 0, 255, &opt_exitcode, "an exit status 0..255"},
    {"halt_on_error", OPT_BOOL, 0, 1, &opt_halt_on_error, "0 or 1"},
    {"log_path", OPT_STRING, 0, 0, &opt_log_path, "a file path prefix"},
    {"strip_path_prefix", OPT_STRING, 0, 0, &opt_strip_path_prefix, "a path prefix"},
    {"suppressions", OPT_STRING, 0, 0, &opt_suppressions, "a suppressions file"},
    {"history_size", OPT_INT, 0, 7, &opt_history_size, "0..7"},
    {"atexit_sleep_ms", OPT_INT, 0, 3600000, &opt_atexit_sleep_ms, "milliseconds >= 0"},
    {"verbosity", OPT_INT, 0, 3, &opt_verbosity, "0..3"},
    {"color", OPT_CHOICE, 0, 0, &opt_color, "auto, always or never"},
    {"report_format", OPT_CHOICE, 0, 0, &opt_report_json, "text or json"},
    {"quarantine_mb", OPT_INT, 0, 1 << 20, &opt_quarantine_mb, "MiB 0..1048576 (0: off)"},
    {"log_root_pid", OPT_INT, 0, 4194304, &opt_log_root_pid, "a process id"},
    {"mutex_profile", OPT_PATH, 0, 0, &opt_mutex_profile, "a file path"},
    {"mutex_profile_fraction", OPT_INT, 0, 1000000000, &opt_mutex_profile_fraction,
     "N >= 0: record 1 in N contention events (0: none)"},
    {"block_profile", OPT_PATH, 0, 0, &opt_block_profile, "a file path"},
    {"block_profile_rate", OPT_INT, 0, 2147483647, &opt_block_profile_rate,
     "nanoseconds >= 0: record about one blocking event per NS blocked (0: none)"},
    {"goroutine_profile", OPT_PATH, 0, 0, &opt_goroutine_profile, "a file path"},
    {"pprof_http", OPT_PATH, 0, 0, &opt_pprof_http, "a loopback HOST:PORT"},
    {"trace_path", OPT_PATH, 0, 0, &opt_trace_path, "a file path"},
    {"trace_max_mb", OPT_INT, 1, 1 << 20, &opt_trace_max_mb, "MiB 1..1048576"},
    {"trace_locks", OPT_BOOL, 0, 1, &opt_trace_locks, "0 or 1"},
};

static const struct opt_desc *find_opt(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
            return &opts[i];
    return 0;
}

static void known_keys(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < sizeof opts / sizeof opts[0] && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", opts[i].name);
}

static int set_opt(const struct opt_desc *o, const char *v)
{
    long x;
    int b;
    switch (o->kind) {
    case OPT_INT:
        if (parse_int(v, o->lo, o->hi, &x))
            return -1;
        if (o->value == &opt_history_size)
            opt_history_size = (unsigned)x;
        else
            *(int *)o->value = (int)x;
        return 0;
    case OPT_BOOL:
        if (parse_bool(v, &b))
            return -1;
        *(int *)o->value = b;
        return 0;
    case OPT_PATH:
        if (!*v)
            return -1;
        /* fall through */
    case OPT_STRING:
        *(const char **)o->value = rt_strdup(v);
        return 0;
    case OPT_CHOICE:
        if (o->value == &opt_report_json) {
            if (strcmp(v, "text") && strcmp(v, "json"))
                return -1;
            opt_report_json = !strcmp(v, "json");
            return 0;
        }
        if (!strcmp(v, "auto"))
            *(int *)o->value = COLOR_AUTO;
        else if (!strcmp(v, "always"))
            *(int *)o->value = COLOR_ALWAYS;
        else if (!strcmp(v, "never"))
            *(int *)o->value = COLOR_NEVER;
        else
            return -1;
        return 0;
    }
    return -1;
}

static int is_sep(char c)
{
    return c == ' ' || c == ',' || c == ':' || c == '\t' || c == '\n';
}

/* Does the value end at p? At a separator, but at a colon only when a key
 * and '=' follow it ("log_path=x:verbosity=1", not "127.0.0.1:6060"). */
static int ends_value(const char *p)
{
    if (*p != ':')
        return is_sep(*p);
    const char *k = p + 1;
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
        return 0;
    while ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
           *k == '_')
        k++;
    return *k == '=';
}

/*
 * Move *p past the value that starts there: up to the end of the value
 * (ends_value), or past the closing quote of a quoted value (then *len
 * excludes the quotes). Returns -1 for a quote that is never closed.
 */
static int next_value(const char **p, size_t *len)
{
    const char *s = *p;
    if (*s == '"' || *s == '\'') {
        const char *close = strchr(s + 1, *s);
        if (!close)
            return -1;
        *len = (size_t)(close - s - 1);
        *p = close + 1;
        return 0;
    }
    while (**p && !ends_value(*p))
        (*p)++;
    *len = (size_t)(*p - s);
    return 0;
}

int options_parse(const char *text, char *err, unsigned long errlen)
{
    options_reset();
    if (!text)
        return 0;
    const char *p = text;
    while (*p) {
        while (is_sep(*p))
            p++;
        if (!*p)
            break;
        const char *key = p;
        while (*p && *p != '=' && !is_sep(*p))
            p++;
        size_t klen = (size_t)(p - key);
        const struct opt_desc *o = find_opt(key, klen);
        if (!o) {
            char keys[512];
            known_keys(keys, sizeof keys);
            snprintf(err, errlen, "unknown option '%.*s' in CRACE_OPTIONS (known: %s)", (int)klen,
                     key, keys);
            return -1;
        }
        if (*p != '=') {
            snprintf(err, errlen, "option '%s' in CRACE_OPTIONS needs a value (%s=...)", o->name,
                     o->name);
            return -1;
        }
        const char *val = ++p;
        size_t vlen;
        if (next_value(&p, &vlen) != 0) {
            snprintf(err, errlen, "option '%s' in CRACE_OPTIONS has an unclosed quote: %s", o->name,
                     key);
            return -1;
        }
        if (*p && !is_sep(*p)) {
            snprintf(err, errlen, "option '%s' in CRACE_OPTIONS: text after the closing quote: %s",
                     o->name, key);
            return -1;
        }
        if (*val == '"' || *val == '\'')
            val++;
        char value[4096];
        vlen = vlen < sizeof value - 1 ? vlen : sizeof value - 1;
        rt_memcpy(value, val, vlen);
        value[vlen] = 0;
        if (set_opt(o, value)) {
            snprintf(err, errlen, "bad value '%s' for option '%s' in CRACE_OPTIONS (expected %s)",
                     value, o->name, o->help);
            return -1;
        }
    }
    return 0;
}
