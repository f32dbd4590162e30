/*
 * symbolize.c - code and data addresses to names, source files and lines.
 *
 * Owns the libdwfl session describing the running process (one Dwfl,
 * created on first use and re-reported after sym_invalidate or a lookup
 * miss), a string arena that is never freed (every string handed out lives
 * there, so old reports stay valid after modules go away), and a per-module
 * index of DWARF variables used by sym_global. The caller serializes every
 * entry point (report lock held); libdw may call malloc freely.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dl_iterate_phdr */
#endif
#include <dlfcn.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <libelf.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "symbolize.h"
#include "rt.h"

/* ---- string arena and intern table ---- */

#define ARENA_CHUNK 16384

/* Interned strings: written only by sym_* under the report lock, never freed. */
static char *arena_ptr;
static size_t arena_left;
static const char **itab;
static size_t itab_cap, itab_len;

static char *arena_alloc(size_t n)
{
    char *p;

    if (n > arena_left) {
        if (n > ARENA_CHUNK / 4)
            return malloc(n);
        if (!(p = malloc(ARENA_CHUNK)))
            return NULL;
        arena_ptr = p;
        arena_left = ARENA_CHUNK;
    }
    p = arena_ptr;
    arena_ptr += n;
    arena_left -= n;
    return p;
}

static char *arena_dup(const char *s, size_t n)
{
    char *p = arena_alloc(n + 1);

    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

static size_t str_hash(const char *s, size_t n)
{
    size_t h = 2166136261u;

    while (n--)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static int itab_grow(void)
{
    size_t cap = itab_cap ? 2 * itab_cap : 256, i, j;
    const char **t = calloc(cap, sizeof *t);

    if (!t)
        return -1;
    for (i = 0; i < itab_cap; i++) {
        if (!itab[i])
            continue;
        j = str_hash(itab[i], strlen(itab[i])) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = itab[i];
    }
    free(itab);
    itab = t;
    itab_cap = cap;
    return 0;
}

/* Intern s[0..n): equal strings come back as the same pointer. */
static const char *intern_mem(const char *s, size_t n)
{
    size_t i;

    if (2 * (itab_len + 1) > itab_cap && itab_grow() < 0 && itab_len + 1 >= itab_cap)
        return arena_dup(s, n);
    i = str_hash(s, n) & (itab_cap - 1);
    for (; itab[i]; i = (i + 1) & (itab_cap - 1))
        if (!strncmp(itab[i], s, n) && !itab[i][n])
            return itab[i];
    if ((itab[i] = arena_dup(s, n)))
        itab_len++;
    return itab[i];
}

static const char *intern(const char *s)
{
    return s ? intern_mem(s, strlen(s)) : NULL;
}

/* A DWARF file name (libdw already joined its directory entry) made
 * absolute with the CU's DW_AT_comp_dir when both allow it. */
static const char *intern_path(Dwarf_Die *cu, const char *file)
{
    Dwarf_Attribute a;
    const char *dir, *r;
    size_t dl, fl;
    char *buf;

    if (!file)
        return NULL;
    dir = cu ? dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a)) : NULL;
    if (file[0] == '/' || !dir || dir[0] != '/')
        return intern(file);
    dl = strlen(dir);
    fl = strlen(file);
    if (!(buf = malloc(dl + fl + 2)))
        return intern(file);
    memcpy(buf, dir, dl);
    buf[dl] = '/';
    memcpy(buf + dl + 1, file, fl + 1);
    r = intern_mem(buf, dl + 1 + fl);
    free(buf);
    return r;
}

/* ---- C++ names ---- */

/*
 * The runtime is C and links no C++ library: names are demangled with the
 * program's own __cxa_demangle, looked up at the first report that needs
 * it (a C++ program always has one; a C program that dlopen'ed a C++
 * library may have one only privately, hence the RTLD_NOLOAD look-ups).
 * A miss is retried after the set of modules changed.
 */
typedef char *(*demangle_fn)(const char *name, char *buf, size_t *len, int *status);
static demangle_fn demangler;
static int demangler_looked;

static demangle_fn find_demangler(void)
{
    static const char *const libs[] = {"libstdc++.so.6", "libc++abi.so.1", "libc++.so.1"};
    void *h;
    size_t i;

    if (demangler_looked)
        return demangler;
    demangler_looked = 1;
    demangler = (demangle_fn)dlsym(RTLD_DEFAULT, "__cxa_demangle");
    for (i = 0; !demangler && i < sizeof libs / sizeof libs[0]; i++) {
        if ((h = dlopen(libs[i], RTLD_LAZY | RTLD_NOLOAD))) {
            demangler = (demangle_fn)dlsym(h, "__cxa_demangle");
            dlclose(h); /* NOLOAD: only drops the reference just taken */
        }
    }
    return demangler;
}

/* "ns::Counter::add(int)" for "_ZN2ns7Counter3addEi", interned; NULL when
 * name is not a mangled C++ name or cannot be demangled here. */
static const char *demangle(const char *name)
{
    demangle_fn d;
    const char *r;
    char *s;
    int status = -1;

    if (!name || name[0] != '_' || name[1] != 'Z' || !(d = find_demangler()))
        return NULL;
    if (!(s = d(name, NULL, NULL, &status)) || status != 0) {
        free(s);
        s = NULL;
        /* a compiler's suffix the demangler does not take ("_ZZL1fvE1x.0":
         * a piece of a split static): demangle the name before it */
        const char *dot = strchr(name, '.');
        char *base = dot ? strndup(name, (size_t)(dot - name)) : NULL;
        if (base)
            s = d(base, NULL, NULL, &status);
        free(base);
        if (!s || status != 0) {
            free(s);
            return NULL;
        }
    }
    r = intern(s);
    free(s);
    return r;
}

/* ---- DWARF helpers ---- */

static const char *die_name(Dwarf_Die *d)
{
    Dwarf_Attribute a;

    return dwarf_formstring(dwarf_attr_integrate(d, DW_AT_name, &a));
}

/*
 * "std::thread::_Invoker<...>::operator()" for a function DIE without a
 * linkage name (gcc gives none to members of lambdas and other classes
 * without linkage): its DW_AT_name, qualified by the namespaces, classes
 * and functions enclosing its declaration. Finding those scans the DIE's
 * CU, so names are cached by DIE (the cache is dropped with the modules).
 */
#define QNAME_CACHE 512

struct qname {
    const void *die_addr; /* Dwarf_Die.addr: the DIE's bytes, unique while loaded */
    const char *name;
};
static struct qname qnames[QNAME_CACHE];

static void qname_append(char *buf, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);

    if (*len + n < cap) {
        memcpy(buf + *len, s, n + 1);
        *len += n;
    }
}

/* An unnamed class: a lambda's closure type when it has an operator(). */
static const char *unnamed_class(Dwarf_Die *c, int tag)
{
    Dwarf_Die k;
    const char *n;

    if (dwarf_child(c, &k) == 0) {
        do {
            if (dwarf_tag(&k) == DW_TAG_subprogram && (n = die_name(&k)) &&
                !strcmp(n, "operator()"))
                return "{lambda}";
        } while (dwarf_siblingof(&k, &k) == 0);
    }
    return tag == DW_TAG_union_type ? "(anonymous union)" : "(anonymous class)";
}

/* Is the DIE's unit C++ (where names can be nested in scopes)? */
static int is_cxx_unit(Dwarf_Die *d)
{
    Dwarf_Die cu;
    int lang;

    if (!dwarf_diecu(d, &cu, NULL, NULL))
        return 0;
    lang = dwarf_srclang(&cu);
    return lang == DW_LANG_C_plus_plus || lang == DW_LANG_C_plus_plus_03 ||
           lang == DW_LANG_C_plus_plus_11 || lang == DW_LANG_C_plus_plus_14;
}

static const char *qualified_name(Dwarf_Die *d)
{
    Dwarf_Die decl = *d, mem, *sc;
    Dwarf_Attribute a, *r;
    struct qname *q;
    const char *base, *part;
    char buf[1024];
    size_t len = 0;
    int n, i, tag, hops;

    for (hops = 0; hops < 16; hops++) {
        if (!(r = dwarf_attr(&decl, DW_AT_abstract_origin, &a)))
            r = dwarf_attr(&decl, DW_AT_specification, &a);
        if (!r || !dwarf_formref_die(r, &mem))
            break;
        decl = mem;
    }
    if (!(base = die_name(&decl)))
        return NULL;
    if (!is_cxx_unit(&decl))
        return intern(base); /* C: no scopes, and no scan of the unit */
    q = &qnames[((uintptr_t)decl.addr >> 3) % QNAME_CACHE];
    if (q->die_addr == decl.addr)
        return q->name;
    buf[0] = 0;
    if ((n = dwarf_getscopes_die(&decl, &sc)) > 0) {
        for (i = n - 1; i >= 1; i--) {
            tag = dwarf_tag(&sc[i]);
            part = die_name(&sc[i]);
            if (tag == DW_TAG_namespace && !part)
                part = "(anonymous namespace)";
            else if (!part && (tag == DW_TAG_class_type || tag == DW_TAG_structure_type ||
                               tag == DW_TAG_union_type))
                part = unnamed_class(&sc[i], tag);
            if (!part || (tag != DW_TAG_namespace && tag != DW_TAG_class_type &&
                          tag != DW_TAG_structure_type && tag != DW_TAG_union_type &&
                          tag != DW_TAG_subprogram))
                continue;
            qname_append(buf, sizeof buf, &len, part);
            qname_append(buf, sizeof buf, &len, tag == DW_TAG_subprogram ? "()::" : "::");
        }
        free(sc);
    }
    qname_append(buf, sizeof buf, &len, base);
    q->die_addr = decl.addr;
    q->name = intern(buf);
    return q->name;
}

/* A function's name for a frame: its demangled linkage name (with the
 * parameter list: *signature = 1) when it has one, else its qualified
 * DW_AT_name (C functions: just the name). */
static const char *die_func_name(Dwarf_Die *d, int *signature)
{
    Dwarf_Attribute a;
    const char *link = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_linkage_name, &a));
    const char *dm;

    if (!link)
        link = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_MIPS_linkage_name, &a));
    if ((dm = demangle(link))) {
        *signature = 1;
        return dm;
    }
    *signature = 0;
    return qualified_name(d);
}

static int die_int(Dwarf_Die *d, unsigned name)
{
    Dwarf_Attribute a;
    Dwarf_Word v;

    if (dwarf_formudata(dwarf_attr_integrate(d, name, &a), &v) != 0 || v > INT_MAX)
        return 0;
    return (int)v;
}

/* DW_AT_call_file / DW_AT_decl_file: an index in its CU's file table. */
static const char *die_file(Dwarf_Die *d, unsigned name)
{
    Dwarf_Attribute a;
    Dwarf_Word idx;
    Dwarf_Die cu;
    Dwarf_Files *files;
    size_t nfiles;

    if (dwarf_formudata(dwarf_attr_integrate(d, name, &a), &idx) != 0)
        return NULL;
    if (!dwarf_cu_die(a.cu, &cu, NULL, NULL, NULL, NULL, NULL, NULL))
        return NULL;
    if (dwarf_getsrcfiles(&cu, &files, &nfiles) != 0 || idx >= nfiles)
        return NULL;
    return intern_path(&cu, dwarf_filesrc(files, idx, NULL, NULL));
}

/* ---- per-module cache: CU address index and variable index ---- */

struct var {
    Dwarf_Addr addr; /* DWARF (unbiased) address; 0 in the decl list */
    Dwarf_Die die;
};

struct varvec {
    struct var *v;
    size_t n, cap;
};

struct curange {
    Dwarf_Addr lo, hi; /* DWARF addresses covered by cu: [lo, hi) */
    Dwarf_Die cu;
};

/* Hung off the module's userdata slot; freed when libdwfl drops the module. */
struct modinfo {
    int have_vars, have_cus;
    struct varvec at;    /* located variables, sorted by addr */
    struct varvec decl;  /* variables without DW_AT_location */
    struct curange *cus; /* sorted by lo; only if .debug_aranges fails us */
    size_t ncus, capcus;
};

static struct modinfo *mod_info(Dwfl_Module *m)
{
    void **ud;

    dwfl_module_info(m, &ud, NULL, NULL, NULL, NULL, NULL, NULL);
    if (!*ud)
        *ud = calloc(1, sizeof(struct modinfo));
    return *ud;
}

static void mod_info_free(struct modinfo *mi)
{
    if (mi) {
        free(mi->at.v);
        free(mi->decl.v);
        free(mi->cus);
        free(mi);
    }
}

static void vec_push(struct varvec *vec, const struct var *v)
{
    struct var *nv;
    size_t cap;

    if (vec->n == vec->cap) {
        cap = vec->cap ? 2 * vec->cap : 64;
        if (!(nv = realloc(vec->v, cap * sizeof *nv)))
            return;
        vec->v = nv;
        vec->cap = cap;
    }
    vec->v[vec->n++] = *v;
}

static void cu_push(struct modinfo *mi, Dwarf_Die *cu, Dwarf_Addr lo, Dwarf_Addr hi)
{
    struct curange *n;
    size_t cap;

    if (mi->ncus == mi->capcus) {
        cap = mi->capcus ? 2 * mi->capcus : 64;
        if (!(n = realloc(mi->cus, cap * sizeof *n)))
            return;
        mi->cus = n;
        mi->capcus = cap;
    }
    mi->cus[mi->ncus++] = (struct curange){lo, hi, *cu};
}

static int cu_cmp(const void *a, const void *b)
{
    const struct curange *x = a, *y = b;

    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* clang emits no .debug_aranges, which libdw 0.188 needs for addrdie:
 * index the CUs' own DW_AT_low_pc/high_pc/ranges instead. */
static void cu_index(Dwfl_Module *m, struct modinfo *mi)
{
    Dwarf_Addr bias, base, lo, hi;
    Dwarf_Die *cu = NULL;
    ptrdiff_t off;

    mi->have_cus = 1;
    while ((cu = dwfl_module_nextcu(m, cu, &bias)))
        for (off = 0; (off = dwarf_ranges(cu, off, &base, &lo, &hi)) > 0;)
            if (lo && lo < hi)
                cu_push(mi, cu, lo, hi);
    if (mi->ncus)
        qsort(mi->cus, mi->ncus, sizeof *mi->cus, cu_cmp);
}

static Dwarf_Die *cu_lookup(struct modinfo *mi, Dwarf_Addr addr)
{
    size_t lo = 0, hi = mi->ncus, mid;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (mi->cus[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && addr < mi->cus[lo - 1].hi ? &mi->cus[lo - 1].cu : NULL;
}

/* Does one of the CU's own address ranges hold addr? */
static int cu_covers(Dwarf_Die *cu, Dwarf_Addr addr)
{
    Dwarf_Addr base, lo, hi;
    ptrdiff_t off;

    for (off = 0; (off = dwarf_ranges(cu, off, &base, &lo, &hi)) > 0;)
        if (addr >= lo && addr < hi)
            return 1;
    return 0;
}

/*
 * The CU DIE covering pc, and the DWARF bias of its module. libdwfl finds
 * CUs through .debug_aranges and gives an address in a gap between two
 * ranges to the CU of the range below it: code of a CU with no aranges
 * (clang's) placed right after another CU's range (a gcc object's cold
 * or startup part) would get that CU and no line. So its answer is
 * checked against the CU's own ranges.
 */
static Dwarf_Die *cu_at(Dwfl_Module *m, uintptr_t pc, Dwarf_Addr *bias)
{
    Dwarf_Die *cu = dwfl_module_addrdie(m, pc, bias);
    struct modinfo *mi;

    if (cu && cu_covers(cu, pc - *bias))
        return cu;
    if (!dwfl_module_getdwarf(m, bias) || !(mi = mod_info(m)))
        return NULL;
    if (!mi->have_cus)
        cu_index(m, mi);
    return cu_lookup(mi, pc - *bias);
}

/* 0 and *out set for a plain static address, 1 for no location, -1 else. */
static int var_addr(Dwarf_Die *d, Dwarf_Addr *out)
{
    Dwarf_Attribute a, r;
    Dwarf_Op *ops;
    size_t n;

    if (!dwarf_attr(d, DW_AT_location, &a))
        return 1;
    if (dwarf_getlocation(&a, &ops, &n) != 0 || n != 1)
        return -1;
    if (ops[0].atom == DW_OP_addr) {
        *out = ops[0].number;
        return 0;
    }
    if (ops[0].atom != DW_OP_addrx && ops[0].atom != DW_OP_GNU_addr_index)
        return -1;
    if (dwarf_getlocation_attr(&a, ops, &r) != 0 || dwarf_formaddr(&r, out) != 0)
        return -1;
    return 0;
}

static void add_var(struct modinfo *mi, Dwarf_Die *d)
{
    struct var v = {0, *d};

    switch (var_addr(d, &v.addr)) {
    case 0:
        vec_push(&mi->at, &v);
        break;
    case 1:
        if (die_name(d))
            vec_push(&mi->decl, &v);
        break;
    }
}

/* Variables at CU level and function statics (subprograms, blocks). */
static void scan_dies(struct modinfo *mi, Dwarf_Die *parent)
{
    Dwarf_Die d, next;
    int tag;

    if (dwarf_child(parent, &d) != 0)
        return;
    for (;;) {
        tag = dwarf_tag(&d);
        if (tag == DW_TAG_variable)
            add_var(mi, &d);
        else if (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block)
            scan_dies(mi, &d);
        if (dwarf_siblingof(&d, &next) != 0)
            break;
        d = next;
    }
}

static int var_cmp(const void *a, const void *b)
{
    const struct var *x = a, *y = b;

    return (x->addr > y->addr) - (x->addr < y->addr);
}

static void var_index(Dwfl_Module *m, struct modinfo *mi)
{
    Dwarf_Die *cu = NULL;
    Dwarf_Addr bias;

    mi->have_vars = 1;
    while ((cu = dwfl_module_nextcu(m, cu, &bias)))
        scan_dies(mi, cu);
    if (mi->at.n)
        qsort(mi->at.v, mi->at.n, sizeof *mi->at.v, var_cmp);
}

static Dwarf_Die *var_by_addr(struct modinfo *mi, Dwarf_Addr addr)
{
    size_t lo = 0, hi = mi->at.n, mid;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (mi->at.v[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < mi->at.n && mi->at.v[lo].addr == addr ? &mi->at.v[lo].die : NULL;
}

static Dwarf_Die *var_by_name(struct modinfo *mi, const char *name)
{
    const char *n;
    size_t i;

    for (i = 0; i < mi->decl.n; i++)
        if ((n = die_name(&mi->decl.v[i].die)) && !strcmp(n, name))
            return &mi->decl.v[i].die;
    return NULL;
}

/* ---- the libdwfl session ---- */

#define VDSO_NAME "[vdso]"

/* The vDSO image in our own memory: set by report(), read by find_elf(). */
static char *vdso_image;
static size_t vdso_size;

/* The vDSO has no file: hand libdwfl the mapped image itself. */
static int find_elf(Dwfl_Module *m, void **ud, const char *name, Dwarf_Addr base, char **file,
                    Elf **elfp)
{
    if (vdso_image && !strcmp(name, VDSO_NAME)) {
        *file = NULL;
        *elfp = elf_memory(vdso_image, vdso_size);
        return -1;
    }
    return dwfl_linux_proc_find_elf(m, ud, name, base, file, elfp);
}

static char *debuginfo_path; /* NULL: libdwfl's default path; never written */

static const Dwfl_Callbacks callbacks = {
    .find_elf = find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = &debuginfo_path,
};

/* The session and its staleness: touched only by sym_* under the report
 * lock (sym_invalidate included). */
static Dwfl *dwfl;
static int stale = 1;

/* libdwfl passes the address of the module's userdata slot here. */
static int module_removed(Dwfl_Module *m, void *udp, const char *name, Dwarf_Addr base, void *arg)
{
    void **ud = udp;

    (void)m, (void)name, (void)base, (void)arg;
    mod_info_free(*ud);
    *ud = NULL;
    return DWARF_CB_OK;
}

typedef ElfW(Phdr) phdr_t;

/* A loaded object as the dynamic linker sees it. */
struct object {
    char *name;
    Dwarf_Addr lo, hi;
};

struct objects {
    struct object *v;
    size_t n, cap;
};

/* The executable's path, read at start-up: once the main thread has
 * exited, /proc/self/exe can no longer be read. Written by sym_init only. */
static char exe_path[PATH_MAX];

void sym_init(void)
{
    ssize_t n = readlink("/proc/self/exe", exe_path, sizeof exe_path - 1);
    exe_path[n > 0 ? n : 0] = 0;
}

static char *object_name(const char *name, Dwarf_Addr lo)
{
    char buf[PATH_MAX];
    ssize_t n;
    char *r;

    if (lo == getauxval(AT_SYSINFO_EHDR))
        return strdup(VDSO_NAME);
    if (name[0] == '/')
        return strdup(name);
    if (name[0])
        return (r = realpath(name, NULL)) ? r : strdup(name);
    if (exe_path[0])
        return strdup(exe_path);
    if ((n = readlink("/proc/self/exe", buf, sizeof buf - 1)) <= 0)
        return strdup("/proc/self/exe");
    buf[n] = 0;
    return strdup(buf);
}

/* Module range as libdwfl derives the bias: lo is the page of the first
 * PT_LOAD, hi the end of the last one including .bss. */
static int collect(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct objects *objs = arg;
    struct object *o, *v;
    const phdr_t *ph;
    Dwarf_Addr lo = 0, hi = 0;
    size_t cap;
    int i, seen = 0;

    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        if (!seen++)
            lo = info->dlpi_addr + (ph->p_vaddr & -(ph->p_align ? ph->p_align : 1));
        if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > hi)
            hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
    }
    if (!seen || lo >= hi)
        return 0;
    if (objs->n == objs->cap) {
        cap = objs->cap ? 2 * objs->cap : 32;
        if (!(v = realloc(objs->v, cap * sizeof *v)))
            return 1;
        objs->v = v;
        objs->cap = cap;
    }
    o = &objs->v[objs->n];
    if (!(o->name = object_name(info->dlpi_name ? info->dlpi_name : "", lo)))
        return 0;
    o->lo = lo;
    o->hi = hi;
    if (!strcmp(o->name, VDSO_NAME)) {
        vdso_image = (char *)lo;
        vdso_size = hi - lo;
    }
    objs->n++;
    return 0;
}

/*
 * (Re)report the loaded objects. They come from dl_iterate_phdr rather
 * than /proc/self/maps: that one misses .bss past the file-backed page and
 * lists libelf's own mmaps of module files as extra modules. Modules
 * reported again with the same name and range keep their state.
 */
static int report(void)
{
    struct objects objs = {0};
    size_t i;

    if (!dwfl && !(dwfl = dwfl_begin(&callbacks)))
        return -1;
    dl_iterate_phdr(collect, &objs);
    dwfl_report_begin(dwfl);
    for (i = 0; i < objs.n; i++)
        dwfl_report_module(dwfl, objs.v[i].name, objs.v[i].lo, objs.v[i].hi);
    dwfl_report_end(dwfl, module_removed, NULL);
    memset(qnames, 0, sizeof qnames); /* DIE addresses of unloaded modules may come back */
    for (i = 0; i < objs.n; i++)
        free(objs.v[i].name);
    free(objs.v);
    stale = 0;
    return 0;
}

/* The module holding addr; a miss re-reports once (a dlopen we missed). */
static Dwfl_Module *module_at(uintptr_t addr)
{
    int fresh = stale;
    Dwfl_Module *m;

    if (stale && report() < 0)
        return NULL;
    m = dwfl_addrmodule(dwfl, addr);
    if (!m && !fresh && report() == 0)
        m = dwfl_addrmodule(dwfl, addr);
    return m;
}

/* The module's path as reported; *offset = addr minus its load bias. */
static const char *module_path(Dwfl_Module *m, uintptr_t addr, uintptr_t *offset)
{
    Dwarf_Addr start = 0, bias;
    int have_elf = dwfl_module_getelf(m, &bias) != NULL;
    const char *name = dwfl_module_info(m, NULL, &start, NULL, NULL, NULL, NULL, NULL);

    *offset = addr - (have_elf ? bias : start);
    return intern(name);
}

/* ---- code addresses ---- */

/* The ELF symbol holding pc, demangled when it is a C++ name (*signature = 1). */
static const char *func_sym(Dwfl_Module *m, uintptr_t pc, uintptr_t *start, int *signature)
{
    GElf_Off off;
    GElf_Sym sym;
    const char *name = dwfl_module_addrinfo(m, pc, &off, &sym, NULL, NULL, NULL);
    const char *dm;

    *signature = 0;
    if (!name)
        return NULL;
    *start = pc - off;
    if ((dm = demangle(name))) {
        *signature = 1;
        return dm;
    }
    return intern(name);
}

static void src_line(Dwarf_Die *cu, Dwarf_Addr addr, struct sym_frame *f)
{
    Dwarf_Line *l = dwarf_getsrc_die(cu, addr);
    int line;

    if (!l)
        return;
    f->file = intern_path(cu, dwarf_linesrc(l, NULL, NULL));
    if (dwarf_lineno(l, &line) == 0)
        f->line = line;
}

static int is_func(Dwarf_Die *d)
{
    int tag = dwarf_tag(d);

    return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;
}

/*
 * Walk the DIE chain around pc, innermost first: each inlined scope names
 * one frame and gives the next frame its call site; the first subprogram
 * ends the walk. frames[0].file/line are already set. Returns the count.
 */
static int scope_frames(Dwarf_Die *cu, Dwarf_Addr addr, struct sym_frame *fr, int max)
{
    Dwarf_Die *sc, inner;
    int n, i, k = 0;

    if (dwarf_getscopes(cu, addr, &sc) <= 0)
        return 1;
    inner = sc[0];
    free(sc);
    if ((n = dwarf_getscopes_die(&inner, &sc)) <= 0)
        return 1;
    for (i = 0; i < n; i++) {
        if (!is_func(&sc[i]))
            continue;
        fr[k].function = die_func_name(&sc[i], &fr[k].signature);
        if (dwarf_tag(&sc[i]) == DW_TAG_subprogram || k + 1 == max)
            break;
        k++;
        memset(&fr[k], 0, sizeof fr[k]);
        fr[k].file = die_file(&sc[i], DW_AT_call_file);
        fr[k].line = die_int(&sc[i], DW_AT_call_line);
    }
    free(sc);
    return k + 1;
}

/*
 * One caller at a time: the report path (under its report lock) and the
 * profile writers (profile.c, on any thread, the pprof HTTP thread too)
 * share one libdwfl session.
 */
static rt_lock sym_lock;

static int sym_pc_locked(uintptr_t pc, struct sym_frame *frames, int max);

int sym_pc(uintptr_t pc, struct sym_frame *frames, int max)
{
    rt_lock_acquire(&sym_lock);
    int n = sym_pc_locked(pc, frames, max);
    rt_lock_release(&sym_lock);
    return n;
}

static int sym_pc_locked(uintptr_t pc, struct sym_frame *frames, int max)
{
    struct sym_frame base = {0};
    Dwarf_Addr bias;
    const char *sym;
    Dwfl_Module *m;
    Dwarf_Die *cu;
    int n = 1, i, sym_signature;

    if (max < 1)
        return 0;
    frames[0] = base;
    if (!(m = module_at(pc)))
        return 1;
    base.module = module_path(m, pc, &base.module_offset);
    sym = func_sym(m, pc, &base.func_start, &sym_signature);
    if ((cu = cu_at(m, pc, &bias))) {
        src_line(cu, pc - bias, &frames[0]);
        n = scope_frames(cu, pc - bias, frames, max);
    }
    if (!frames[0].function) {
        frames[0].function = sym;
        frames[0].signature = sym_signature;
    }
    /* The outermost frame is the function holding pc: when DWARF gave no
     * C++ name (gcc omits linkage names of lambdas and other entities
     * without linkage), its demangled ELF symbol is the full name. */
    if (!frames[n - 1].function || (sym_signature && !frames[n - 1].signature)) {
        frames[n - 1].function = sym;
        frames[n - 1].signature = sym_signature;
    }
    for (i = 0; i < n; i++) {
        frames[i].func_start = base.func_start;
        frames[i].module = base.module;
        frames[i].module_offset = base.module_offset;
    }
    return n;
}

/* ---- data addresses ---- */

static void var_decl(Dwfl_Module *m, struct sym_global *g)
{
    struct modinfo *mi;
    Dwarf_Addr bias;
    Dwarf_Die *d;
    const char *name;

    if (!dwfl_module_getdwarf(m, &bias) || !(mi = mod_info(m)))
        return;
    if (!mi->have_vars)
        var_index(m, mi);
    /* a demangled C++ name ("cfg()::c") says more than DW_AT_name ("c") */
    if ((d = var_by_addr(mi, g->start - bias)) && (name = die_name(d)) && !g->demangled)
        g->name = intern(name);
    else if (!d)
        d = var_by_name(mi, g->name);
    if (!d)
        return;
    g->file = die_file(d, DW_AT_decl_file);
    g->line = die_int(d, DW_AT_decl_line);
}

static int sym_global_locked(uintptr_t addr, struct sym_global *out);

int sym_global(uintptr_t addr, struct sym_global *out)
{
    rt_lock_acquire(&sym_lock);
    int found = sym_global_locked(addr, out);
    rt_lock_release(&sym_lock);
    return found;
}

static int sym_global_locked(uintptr_t addr, struct sym_global *out)
{
    Dwfl_Module *m;
    const char *name;
    uintptr_t offset;
    GElf_Off off;
    GElf_Sym sym;

    if (!(m = module_at(addr)))
        return 0;
    if (!(name = dwfl_module_addrinfo(m, addr, &off, &sym, NULL, NULL, NULL)))
        return 0;
    if (GELF_ST_TYPE(sym.st_info) != STT_OBJECT)
        return 0;
    if (sym.st_size ? off >= sym.st_size : off != 0)
        return 0;
    memset(out, 0, sizeof *out);
    out->name = demangle(name);
    out->demangled = out->name != NULL;
    if (!out->name)
        out->name = intern(name);
    out->start = addr - off;
    out->size = sym.st_size;
    out->module = module_path(m, addr, &offset);
    var_decl(m, out);
    return 1;
}

void sym_invalidate(void)
{
    stale = 1;
    if (!demangler)
        demangler_looked = 0; /* a C++ library may have come */
}
