"""Runs `contract-draft --jsonl` as a stage of Apache Spark, in local mode, and checks that
the result equals one run of the program over the whole file.

    cargo build --release --bin contract-draft
    pip install pyspark            # Spark in local mode; needs Java 17
    python3 examples/spark_pipe.py [BUNDLES.jsonl] [PARTITIONS]

Without a file, it writes one from fixtures/bundle.json: varied bundles, with blank,
invalid and over-long lines among them. Spark splits the file into partitions at line
ends and pipes each through the program (`rdd.pipe`); since a line's envelope depends on
the line alone, concatenating the partitions' outputs in order gives the whole run's.
Exits 0 when they are equal, 1 otherwise.
"""

import json
import os
import subprocess
import sys
import tempfile

from pyspark import SparkContext

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM = os.path.join(TOP, "target", "release", "contract-draft")
COMMAND = [PROGRAM, "--jsonl", "--jobs", "1", "--max-line-bytes", "65536", "-"]


def sample_file(path, lines=5000):
    with open(os.path.join(TOP, "fixtures", "bundle.json"), encoding="utf-8") as fixture:
        sample = json.load(fixture)
    with open(path, "w", encoding="utf-8") as out:
        for index in range(lines):
            if index % 97 == 3:
                out.write("\n")  # a blank line
            elif index % 89 == 5:
                out.write("{not json\n")
            elif index % 499 == 7:
                out.write("x" * 70000 + "\n")  # over --max-line-bytes
            else:
                sample["opportunity"]["id"] = 1_000_000 + index
                sample["opportunity"]["title"] = f"<{index}> & 标题"
                sample["opportunity"]["expect_amount"] = f"{index * 37 % 100000}.{index % 100:02d}"
                out.write(json.dumps(sample, ensure_ascii=False, separators=(",", ":")) + "\n")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else None
    partitions = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    if path is None:
        path = os.path.join(tempfile.mkdtemp(), "bundles.jsonl")
        sample_file(path)
    with open(path, "rb") as whole:
        direct = subprocess.run(COMMAND, stdin=whole, capture_output=True, check=False).stdout.decode("utf-8")
    sc = SparkContext("local[2]", "contract-draft")
    sc.setLogLevel("ERROR")
    try:
        piped = sc.textFile(path, minPartitions=partitions).pipe(" ".join(COMMAND)).collect()
        used = sc.textFile(path, minPartitions=partitions).getNumPartitions()
    finally:
        sc.stop()
    expected = direct.splitlines()
    same = piped == expected
    print(f"{len(expected)} lines; {used} partitions; piped through Spark equals one run: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
