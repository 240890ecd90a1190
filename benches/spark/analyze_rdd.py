#!/usr/bin/env python3
"""Runs `analyze --input jsonl` as a Spark job: each partition of a JSON Lines corpus is piped
through one `analyze` process (rdd.pipe), and the results are written in input order.

    spark-submit benches/spark/analyze_rdd.py IN.jsonl OUT_DIR [--analyze PATH] [--partitions N]
    python3 benches/spark/analyze_rdd.py ...      # with pyspark installed (pip install pyspark)

On a cluster, IN and OUT_DIR are shared paths (HDFS, S3) and the `analyze` binary is shipped to
the executors (--files analyze, then --analyze ./analyze). Each record's output line carries
its "id", so the results can also be joined back to the input by id.
"""
import argparse
import os
import shutil

from pyspark.sql import SparkSession


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines corpus, one {\"id\", \"text\"} object per line")
    parser.add_argument("output", help="directory for the part-* files (replaced)")
    parser.add_argument("--analyze", default="analyze", help="path of the analyze binary")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()

    spark = SparkSession.builder.appName("analyze").getOrCreate()
    sc = spark.sparkContext
    lines = sc.textFile(os.path.abspath(args.input), minPartitions=args.partitions)
    # blank lines are not records for analyze; dropping them here keeps one line out per line in
    records = lines.filter(lambda line: line.strip() != "")
    # one analyze process per partition, one thread each: Spark already runs a task per core
    analyzed = records.pipe(f"{os.path.abspath(args.analyze)} --input jsonl --quiet --jobs 1")
    if os.path.exists(args.output):
        shutil.rmtree(args.output)
    analyzed.saveAsTextFile(os.path.abspath(args.output))
    print(f"{lines.getNumPartitions()} partitions written to {args.output}")
    spark.stop()


if __name__ == "__main__":
    main()
