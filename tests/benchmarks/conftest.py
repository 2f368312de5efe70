"""The scripts in this folder print benchmark figures and are run by hand, never by pytest."""

collect_ignore_glob = ["bench_*.py"]
