#!/bin/sh
# Regenerates the saved traces in this folder: the default (embedded) guest kernel booted
# directly with its disk, network and entropy devices, once with each SYSINIT sort. Run from anywhere after building the jar
# (mvn -q -B -o -pl emulator -am package -DskipTests); the output is the same byte for byte on
# any machine (ProfileReproducibilityTest checks it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/emulator/target/bootlab.jar"
for sort in bubble merge qsort; do
    java -jar "$jar" profile --bootargs "sysinit.sort=$sort" -o "$root/profiles/sysinit-$sort.bltrace"
done
