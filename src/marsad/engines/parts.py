"""The job's output: each task writes its own Parquet parts, invisible until its whole unit is done.

    OUT/documents/month=YYYY-MM/part-<unit>.parquet   (also events, event_actors)
    OUT/signatures/part-<unit>.parquet, OUT/errors/part-<unit>.parquet
    OUT/_SUCCESS                                      written last, by the driver

Columns and types are the store's (rows.TABLES); `month` is the hive partition folder, not a
column in the files, as Spark's partitionBy writes it. An attempt writes hidden temporaries
(".part-<unit>.<attempt>.tmp": the dot hides them from Spark and Hadoop, the suffix from
`*.parquet` globs, so from `marsad load` and DuckDB) and renames them to their final names only
once the unit succeeded. Extraction is deterministic and the driver fixes `ingested_at`, so a
retried or speculative attempt of a unit renames identical files over each other.
"""

from __future__ import annotations

import uuid
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from marsad.engines import inputs, rows

ARROW = {
    "string": pa.string(), "binary": pa.binary(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
    "int": pa.int32(), "bigint": pa.int64(), "tinyint": pa.int8(), "double": pa.float64(),
    "strings": pa.list_(pa.string()),
}
SCHEMAS = {
    table: pa.schema([(name, ARROW[kind]) for name, kind in columns]) for table, columns in rows.TABLES.items()
}
UNPARTITIONED = ("signatures", "errors")
ROW_GROUP = 4096  # rows buffered per file before they are written: a task's memory stays flat
TEMPORARY = ".tmp"
SUCCESS = "_SUCCESS"
Key = tuple[str, str | None]  # (table, month); month None for the unpartitioned tables


def arrow_table(table: str, records: list[tuple]) -> pa.Table:
    """Row tuples of a store table as an Arrow table, built column by column."""
    schema = SCHEMAS[table]
    columns = zip(*records, strict=True)
    arrays = [pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


class Parts:
    """One attempt's files for one unit: `add` rows, then commit on leaving the `with` (abort on an error)."""

    def __init__(self, output: str, unit: str) -> None:
        self.filesystem, self.root = inputs.file_system(output)
        self.unit, self.attempt = unit, uuid.uuid4().hex
        self.buffers: dict[Key, list[tuple]] = {}
        self.writers: dict[Key, pq.ParquetWriter] = {}
        self.counts = dict.fromkeys(rows.TABLES, 0)

    def folder(self, key: Key) -> str:
        table, month = key
        return f"{self.root}/{table}" + (f"/month={month}" if month else "")

    def final(self, key: Key) -> str:
        return f"{self.folder(key)}/part-{self.unit}.parquet"

    def temporary(self, key: Key) -> str:
        return f"{self.folder(key)}/.part-{self.unit}.{self.attempt}{TEMPORARY}"

    def add(self, table: str, month: str | None, row: tuple) -> None:
        key = (table, None if table in UNPARTITIONED else month)
        buffer = self.buffers.setdefault(key, [])
        buffer.append(row)
        self.counts[table] += 1
        if len(buffer) >= ROW_GROUP:
            self._flush(key)

    def _flush(self, key: Key) -> None:
        """The buffered rows of one file as a row group; the file is opened at its first."""
        if key not in self.writers:
            self.filesystem.create_dir(self.folder(key), recursive=True)
            self.writers[key] = pq.ParquetWriter(self.temporary(key), SCHEMAS[key[0]], filesystem=self.filesystem)
        self.writers[key].write_table(arrow_table(key[0], self.buffers.pop(key)))

    def commit(self) -> None:
        """Write what is buffered, close the files and give them their final names."""
        for key in list(self.buffers):
            self._flush(key)
        for writer in self.writers.values():
            writer.close()
        for key in self.writers:
            self._rename(self.temporary(key), self.final(key))

    def _rename(self, source: str, target: str) -> None:
        """Move over an earlier attempt's file: local and S3 replace it, HDFS refuses until it is gone."""
        try:
            self.filesystem.move(source, target)
        except OSError:
            if self.filesystem.get_file_info(target).type != fs.FileType.File:
                raise
            self.filesystem.delete_file(target)
            self.filesystem.move(source, target)

    def abort(self) -> None:
        """Drop this attempt's temporaries (best effort: the driver removes leftovers at the end)."""
        for key, writer in self.writers.items():
            try:
                writer.close()
                self.filesystem.delete_file(self.temporary(key))
            except OSError:
                pass

    def __enter__(self) -> Parts:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def prepare(output: str, overwrite: bool) -> None:
    """An empty output folder: an existing non-empty one is an error, unless `overwrite` deletes it."""
    filesystem, root = inputs.file_system(output)
    info = filesystem.get_file_info(root)
    if info.type == fs.FileType.Directory and filesystem.get_file_info(fs.FileSelector(root)):
        if not overwrite:
            raise FileExistsError(f"{output} already exists (--overwrite replaces it)")
        filesystem.delete_dir(root)
    elif info.type == fs.FileType.File:
        if not overwrite:
            raise FileExistsError(f"{output} is a file (--overwrite replaces it)")
        filesystem.delete_file(root)
    filesystem.create_dir(root, recursive=True)


def finish(output: str) -> None:
    """Remove the temporaries failed or killed attempts left, then mark the output complete."""
    filesystem, root = inputs.file_system(output)
    for info in filesystem.get_file_info(fs.FileSelector(root, recursive=True)):
        if info.type == fs.FileType.File and info.base_name.startswith(".") and info.base_name.endswith(TEMPORARY):
            filesystem.delete_file(info.path)
    with filesystem.open_output_stream(f"{root}/{SUCCESS}"):
        pass
