#!/usr/bin/env bash
# Writes a class of generated submissions for trying `grader batch`: one entry per student in OUT.
#   tools/generate-class.sh OUT [KIT]
# 32 entries: reference solutions, stubs, partly done, wrong (one-line bugs), one that does not compile, one that
# tampers with tests, Given/ and the rubric, one that hangs, the reference as a .zip and as a bare git repository,
# and three that are not gradable (empty, not laid out like the kit, a symbolic link).
set -euo pipefail
out=${1:?usage: tools/generate-class.sh OUT [KIT]}
kit=$(cd "${2:-$(dirname "$0")/..}" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# A student's repository as it arrives: the kit's exercises/ (stubs) and a README, without build output.
stubs() {
  local dest=$1
  mkdir -p "$dest"
  (cd "$kit" && find exercises -type f ! -path '*/bin/*' ! -path '*/obj/*' -print0 | xargs -0 cp --parents -t "$dest")
  echo "my DistSys Kit work" > "$dest/README.md"
}

# Replaces the stub sources of each named exercise with the reference's.
solve() {
  local dest=$1; shift
  for slug in "$@"; do
    find "$dest/exercises/$slug" -maxdepth 1 -name '*.cs' -delete
    cp "$kit/solutions/$slug/"*.cs "$dest/exercises/$slug/"
  done
}

all=(crdts lock-manager vector-clocks)

for i in 01 02 03 04 05 06 07 08; do stubs "$out/reference-$i"; solve "$out/reference-$i" "${all[@]}"; done
for i in 01 02 03 04; do stubs "$out/stub-$i"; done
for i in 01 02 03 04 05 06 07 08; do
  stubs "$out/partial-$i"
  solve "$out/partial-$i" "${all[$(( 10#$i % 3 ))]}"
  if (( 10#$i % 2 == 0 )); then solve "$out/partial-$i" "${all[$(( (10#$i + 1) % 3 ))]}"; fi
done

# One-line bugs a student might write; each passes some tests and fails others.
for i in 01 02; do
  stubs "$out/wrong-merge-$i"; solve "$out/wrong-merge-$i" "${all[@]}"
  sed -i 's/Math.Max(_counts.GetValueOrDefault(replica), count)/_counts.GetValueOrDefault(replica) + count/' "$out/wrong-merge-$i/exercises/crdts/GCounter.cs"
done
for i in 01 02; do
  stubs "$out/wrong-lease-$i"; solve "$out/wrong-lease-$i" "${all[@]}"
  sed -i 's/|| entry.ExpiresAt <= now)/)/' "$out/wrong-lease-$i/exercises/lock-manager/DistributedLockManager.cs"
done

stubs "$out/does-not-compile"; solve "$out/does-not-compile" "${all[@]}"
echo 'this is not C#' >> "$out/does-not-compile/exercises/crdts/GCounter.cs"

# Tests that always pass, a rubric worth 1000 points, a doctored Given/ file: all must be ignored.
stubs "$out/tamper"
mkdir -p "$out/tamper/tests/crdts" "$out/tamper/grader"
cp "$kit/tests/crdts/"*.cs "$out/tamper/tests/crdts/"
for f in "$out/tamper/tests/crdts/"*.cs; do sed -i 's/^\(\s*\)Assert\.That(/\1Assert.Pass(); Assert.That(/' "$f"; done
sed 's/points: [0-9]*/points: 1000/' "$kit/grader/rubric.yaml" > "$out/tamper/grader/rubric.yaml"
given=$(find "$out/tamper/exercises/crdts/Given" -name '*.cs' | head -n 1)
echo '// doctored' >> "$given"

stubs "$out/hangs"; solve "$out/hangs" "${all[@]}"
sed -i 's/public long Value => _counts.Values.Sum();/public long Value { get { while (true) { } } }/' "$out/hangs/exercises/crdts/GCounter.cs"

stubs "$out/.zip-source"; solve "$out/.zip-source" "${all[@]}"
(cd "$out/.zip-source" && zip -qr "$out/zipped.zip" .)
rm -rf "$out/.zip-source"

stubs "$out/.git-source"; solve "$out/.git-source" "${all[@]}"
git -C "$out/.git-source" init --quiet
git -C "$out/.git-source" add .
git -C "$out/.git-source" -c user.name=student -c user.email=student@example.com commit --quiet -m work
git clone --quiet --bare "$out/.git-source" "$out/from-git.git"
rm -rf "$out/.git-source"

mkdir -p "$out/empty"
mkdir -p "$out/not-a-kit/src" && echo 'class Homework { }' > "$out/not-a-kit/src/Homework.cs"
stubs "$out/symlink"; ln -s "$kit/solutions/crdts/GCounter.cs" "$out/symlink/exercises/crdts/Stolen.cs"

echo "wrote $(ls "$out" | wc -l) submissions to $out"
