#!/usr/bin/env bash
# Builds hsdis-amd64.so, the disassembler HotSpot loads for -XX:+PrintAssembly and JMH's
# -prof perfasm, on Capstone (Debian: libcapstone-dev). Output: benchmarks/perfasm/hsdis-amd64.so;
# use it with LD_LIBRARY_PATH=benchmarks/perfasm (see docs/performance.md, "P1: the hit, step by step").
set -euo pipefail
cd "$(dirname "$0")"
[ -e /usr/include/capstone/capstone.h ] || apt-get install -y -q libcapstone-dev
gcc -O2 -shared -fPIC -o hsdis-amd64.so hsdis-capstone.c -lcapstone
echo "built $(pwd)/hsdis-amd64.so"
