#!/usr/bin/env bash
# Build the test Neo4j launcher: target/classes + target/lib/*.jar make its classpath.
# Idempotent: does nothing when the build output is newer than pom.xml and the sources.
# Extra arguments go to Maven (e.g. -o to build offline from ~/.m2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

class_file=target/classes/mdkg/Neo4jLauncher.class
lib_dir=target/lib

up_to_date() {
    [[ -f "$class_file" && -d "$lib_dir" ]] || return 1
    compgen -G "$lib_dir/*.jar" >/dev/null || return 1
    local src
    for src in pom.xml $(find src/main/java -name '*.java'); do
        [[ "$class_file" -nt "$src" && "$lib_dir" -nt "$src" ]] || return 1
    done
}

if up_to_date; then
    exit 0
fi

# Parallel test runs may all find the build stale: one builds, the others wait and reuse it.
mkdir -p target
exec 9>target/.build.lock
flock 9
if up_to_date; then
    exit 0
fi

for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "neo4j-launcher: '$tool' not found; install a JDK 17+ and Maven (apt-get install openjdk-17-jdk-headless maven)" >&2
        exit 1
    fi
done

echo "neo4j-launcher: building with Maven (a first build downloads Neo4j, about 150 MB, into ~/.m2)." >&2
# Drop stale jars so that a version change in pom.xml cannot leave two Neo4j versions on the classpath.
rm -rf "$lib_dir"
mvn -q -B package "$@" >&2
# copy-dependencies keeps old mtimes on reruns; mark the output as fresh for up_to_date.
touch "$class_file" "$lib_dir"
echo "neo4j-launcher: built $here/$class_file" >&2
