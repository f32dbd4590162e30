# parse_reports.awk - turn crace's text race reports (a program's stderr) into
# tab-separated records, checking each report's framing and structure.
# Used by run_case.sh and run_sample.sh.
#
# Usage: awk -v casefile=CASE.c -v create_lines=" 12 13 " [-v unseen=" T1 T2 "] \
#            -f parse_reports.awk STDERR
#   casefile      base name of the program's source: a "created at" stack must
#                 have a frame in it, at one of create_lines (the lines that
#                 call pthread_create, space-separated and space-framed).
#   unseen        threads whose "created at" block may say "[not created
#                 through pthread_create]" (they announced themselves).
#
# Records:
#   REPORT  n
#   HDR     n cur|prev read|write main|Tk atomic(0|1) free(0|1)
#   FRAME   n cur|prev|loc|Tk idx function file line
#   LOC     n global|heap|stack|tls
#   HELD    n cur|prev "M1 M2:read ..."   (its "Mutexes held:" line)
#   MUTEX   n Mk created|first_locked|unknown main|Tk|-
#   FRAME   n Mk idx function file line       (where mutex Mk came from)
#   NOSTACK n prev           ("[stack unavailable: history overwritten ...]")
#   CREATED n Tk running|finished first-case-frame-line|-
#   FOUND   N
#   ERR     message          (structure does not match the report format;
#                             any line inside a report that is none of the
#                             above is one)
function err(msg) { print "ERR\t" msg }
function basename(p,   n, parts) { n = split(p, parts, "/"); return parts[n] }
function is_real(f, l) { return f != "" && f != "??" && l > 0 }
function start_section(s) {
    sec = s; nframes[sec] = 0; pending = ""
}
function end_report(   t, k) {
    if (pending != "")
        err("report " nrep ": frame \"" pending "()\" has no location line")
    for (k in held)
        if (!(k in mutex))
            err("report " nrep ": " k " is held but has no \"Mutex " k " ...\" block")
    for (k in mutex) {
        if (!(k in held))
            err("report " nrep ": \"Mutex " k " ...\" block for a mutex no access holds")
        if (mutex[k] != "unknown" && nframes[k] == 0)
            err("report " nrep ": \"Mutex " k " ... at:\" block has no frames")
    }
    if (!("cur" in seen))
        err("report " nrep ": no \"Read|Write at 0x... by ...:\" line")
    else if (nframes["cur"] == 0)
        err("report " nrep ": current access has no stack frames")
    if (!("prev" in seen))
        err("report " nrep ": no \"Previous read|write at 0x... by ...:\" section")
    else if (real["prev"] == 0)
        err("report " nrep ": previous access has no real stack frame (function and file:line)")
    for (t in threads)
        if (!(t in created))
            err("report " nrep ": no \"Thread " t " (running|finished) created at:\" block")
    for (t in created) {
        if (!(t in threads))
            err("report " nrep ": \"created at\" block for " t ", which is neither access's thread")
        if (nframes[t] == 0 && (t in notcreated) && index(unseen, " " t " "))
            ; # announced itself (UNSEEN): no creation stack
        else if (nframes[t] == 0)
            err("report " nrep ": \"Thread " t " ... created at:\" block has no frames")
        else if (!(t in createline))
            err("report " nrep ": creation stack of " t " has no frame in " casefile)
        else if (index(create_lines, " " createline[t] " ") == 0)
            err("report " nrep ": creation stack of " t " points at " casefile ":" createline[t] \
                ", which is not a /* CREATE */ line (those are:" create_lines ")")
        print "CREATED\t" nrep "\t" t "\t" cstate[t] "\t" ((t in createline) ? createline[t] : "-")
    }
}
# "main", or "Tn" from "... by thread Tn ..."
function thread_of(line) {
    if (line ~ / by main thread/) return "main"
    match(line, / by thread T[0-9]+/)
    return substr(line, RSTART + 11, RLENGTH - 11)
}
BEGIN { state = "out"; nrep = 0; nfound = 0 }
/^==================$/ {
    if (state == "in") { end_report(); state = "out" }
    else if (state == "open") err("two \"==================\" lines without \"WARNING: DATA RACE\" between them")
    else state = "open"
    next
}
state == "open" {
    if ($0 == "WARNING: DATA RACE") {
        nrep++; state = "in"; sec = ""; pending = ""
        split("", seen); split("", nframes); split("", real); split("", threads)
        split("", created); split("", createline); split("", cstate); split("", notcreated)
        split("", held); split("", mutex)
        print "REPORT\t" nrep
        next
    }
    err("\"==================\" not followed by \"WARNING: DATA RACE\" (got: " $0 ")")
    state = "out"
}
state == "out" {
    if (index($0, "WARNING: DATA RACE"))
        err("\"WARNING: DATA RACE\" outside a ================== block")
    if ($0 ~ /^Found [0-9]+ data race\(s\)$/) {
        nfound++; print "FOUND\t" $2
    } else if ($0 ~ /^Found .*data race/)
        err("malformed summary line: " $0)
    next
}
# ---- inside a report
# "Write at 0x... by thread T2:", optionally "Atomic read", a thread
# name ("thread T2 \"worker\"") and " (free)" for a free
/^(Atomic read|Atomic write|Read|Write) at 0x[0-9a-fA-F]+ by (main thread|thread T[0-9]+( "[^"]*")?)( \(free\))?:$/ {
    if ("cur" in seen) err("report " nrep ": two current-access lines")
    if ("prev" in seen) err("report " nrep ": current access after the previous one")
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    start_section("cur"); seen["cur"] = 1
    kind = ($0 ~ /^(Atomic read|Read)/) ? "read" : "write"
    thr = thread_of($0)
    if (thr != "main") threads[thr] = 1
    print "HDR\t" nrep "\tcur\t" kind "\t" thr "\t" ($0 ~ /^Atomic/) "\t" ($0 ~ /\(free\):$/)
    next
}
/^Previous (atomic )?(read|write) at 0x[0-9a-fA-F]+ by (main thread|thread T[0-9]+( "[^"]*")?)( \(free\))?:$/ {
    if ("prev" in seen) err("report " nrep ": two previous-access lines")
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    start_section("prev"); seen["prev"] = 1
    kind = ($0 ~ /^Previous (atomic )?read/) ? "read" : "write"
    thr = thread_of($0)
    if (thr != "main") threads[thr] = 1
    print "HDR\t" nrep "\tprev\t" kind "\t" thr "\t" ($0 ~ /^Previous atomic/) "\t" ($0 ~ /\(free\):$/)
    next
}
# "Location is heap block ... [freed by ..., ]allocated by ...:" and its stack, or a
# one-line "Location is global/stack/TLS/file descriptor ...": a section of its own
/^Location is (heap block of size [0-9]+ at 0x[0-9a-fA-F]+ (freed by (main thread|thread T[0-9]+), )?allocated by (main thread|thread T[0-9]+):|global '[^']+' of size [0-9]+ at 0x[0-9a-fA-F]+( \(.*:[0-9]+\))?|stack of (main thread|thread T[0-9]+)|TLS of (main thread|thread T[0-9]+)|file descriptor [0-9]+)$/ {
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    if ("loc" in seen) err("report " nrep ": two Location lines")
    start_section("loc"); seen["loc"] = 1
    print "LOC\t" nrep "\t" ($3 == "TLS" ? "tls" : $3 == "file" ? "fd" : $3)
    next
}
/^Location is / { err("report " nrep ": malformed Location line: " $0); next }
# "Thread T2 "w" (running[, labels: k=v ...]) created at:"
/^Thread T[0-9]+( "[^"]*")? \((running|finished)(, labels: [^)]*)?\) created at:$/ {
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    t = $2
    if (t in created) err("report " nrep ": two \"created at\" blocks for " t)
    created[t] = 1
    cstate[t] = ($0 ~ /\(running[,)]/) ? "running" : "finished"
    start_section(t)
    next
}
# "Main thread (running, labels: k=v ...)": only to show its labels, no stack
/^Main thread( "[^"]*")? \((running|finished), labels: [^)]*\)$/ {
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    start_section("mainlabels")
    next
}
# "Mutexes held: M1 (0x...), M2 (0x..., read)" right under an access's stack
/^Mutexes held: / {
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    if ((sec != "cur" && sec != "prev") || nframes[sec] == 0 || (sec "held" in seen)) {
        err("report " nrep ": \"Mutexes held\" not right under an access's stack: " $0); next
    }
    seen[sec "held"] = 1
    if ($0 !~ /^Mutexes held: M[0-9]+ \(0x[0-9a-fA-F]+(, read)?\)(, M[0-9]+ \(0x[0-9a-fA-F]+(, read)?\))*$/) {
        err("report " nrep ": malformed line: " $0); next
    }
    rest = substr($0, 15); list = ""
    while (match(rest, /M[0-9]+ \(0x[0-9a-fA-F]+(, read)?\)/)) {
        item = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
        split(item, w, " ")
        held[w[1]] = 1
        list = list (list == "" ? "" : " ") w[1] (item ~ /, read\)$/ ? ":read" : "")
    }
    print "HELD\t" nrep "\t" sec "\t" list
    next
}
# "Mutex M1 (0x...) created by main thread at:" (or "first locked by"), then
# its stack; or "... destroyed since: ..." without one
/^Mutex M[0-9]+ \(0x[0-9a-fA-F]+\) ((created|first locked) by (main thread|thread T[0-9]+) at:|destroyed since: where it was created is no longer known)$/ {
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    m = $2
    if (m in mutex) err("report " nrep ": two \"Mutex " m "\" blocks")
    if ($0 ~ /destroyed since/) { mutex[m] = "unknown"; thr = "-" }
    else { mutex[m] = ($0 ~ / created by /) ? "created" : "first_locked"; thr = thread_of($0) }
    print "MUTEX\t" nrep "\t" m "\t" mutex[m] "\t" thr
    start_section(m)
    next
}
/^  \[stack unavailable: history overwritten; raise history_size\]$/ {
    if (sec != "prev" || nframes[sec] > 0 || pending != "") {
        err("report " nrep ": misplaced line: " $0); next
    }
    print "NOSTACK\t" nrep "\tprev"
    next
}
/^  \[not created through pthread_create\]$/ && (sec in created) && nframes[sec] == 0 {
    notcreated[sec] = 1
    next
}
# "  f()" (C; recorded as "f"), or a demangled C++ name with its parameter
# list "  ns::f(int) const" (recorded as written, "()" at its end dropped)
/^  [^ ].*\)[^()]*$/ {
    if (sec == "") { err("report " nrep ": frame before any access line: " $0); next }
    if ((sec in mutex) && mutex[sec] == "unknown") { err("report " nrep ": frame in a destroyed mutex's block: " $0); next }
    if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
    pending = substr($0, 3)
    sub(/\(\)$/, "", pending)
    next
}
# "      file.c:12 +0x3d", "      module+0x1234 +0x3d" or "      0x7f..."
/^      [^ ]/ {
    if (pending == "") { err("report " nrep ": location line without a function line: " $0); next }
    loc = substr($0, 7)
    sub(/ \+0x[0-9a-fA-F]+$/, "", loc)
    file = loc; line = 0
    if (match(loc, /:[0-9]+$/)) {
        file = substr(loc, 1, RSTART - 1); line = substr(loc, RSTART + 1) + 0
    }
    idx = nframes[sec]++
    if (is_real(pending, line)) real[sec]++
    print "FRAME\t" nrep "\t" sec "\t" idx "\t" pending "\t" file "\t" line
    if ((sec in created) && !(sec in createline) && basename(file) == casefile)
        createline[sec] = line
    pending = ""
    next
}
/^$/ {
    if (pending != "") { err("report " nrep ": frame \"" pending "()\" has no location line"); pending = "" }
    next
}
# "  ... 74 outer frames not recorded": the stack above is the innermost part
/^  \.\.\. [0-9]+ outer frames? not recorded$/ {
    if (sec == "" || nframes[sec] == 0) { err("report " nrep ": outer-frames marker before any frame: " $0); next }
    if (pending != "") { err("report " nrep ": frame \"" pending "()\" has no location line"); pending = "" }
    next
}
{ err("report " nrep ": unrecognized line: " $0) }
END {
    if (state == "in") err("report " nrep " is not closed by ==================")
    if (state == "open") err("\"==================\" at end of output without a report")
    if (nfound > 1) err(nfound " \"Found N data race(s)\" lines")
}
