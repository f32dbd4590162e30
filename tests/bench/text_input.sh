#!/usr/bin/env bash
# text_input.sh: the text-like input of the real-program runs (pigz.sh, zstd.sh).
#
# usage: tests/bench/text_input.sh MIB > FILE
#
# Words of a skewed vocabulary, numbers and line breaks, deterministic (srand(1)): compressible
# about 3:1, like source code or logs, so compressors find matches at every distance.
set -u -o pipefail
MIB=${1:?usage: text_input.sh MIB}
awk -v n=$((MIB * 1048576)) 'BEGIN { srand(1); c = "bcdfghjklmnprstvwz"; v = "aeiou";
    for (i = 0; i < 4000; i++) { w = ""; k = 1 + int(rand() * 5);
        for (j = 0; j < k; j++) w = w substr(c, 1 + int(rand() * 18), 1) substr(v, 1 + int(rand() * 5), 1);
        W[i] = w }
    while (t < n) { r = rand(); w = r < 0.7 ? W[int(rand() * 150)] : r < 0.9 ? W[int(rand() * 4000)] : int(rand() * 100000);
        s = (rand() < 0.05) ? "\n" : " "; x = w s
        if (t + length(x) > n) x = substr(x, 1, n - t)
        printf "%s", x; t += length(x) } }'
