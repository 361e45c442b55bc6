"""What can only be settled once the whole file is read: sequences and implied key columns.

A pg_dump serial column is three statements apart (CREATE SEQUENCE, OWNED BY, SET DEFAULT
nextval); only at the end is it known whether the column is a plain auto-increment or a
sequence with options the format cannot hold.
"""

from __future__ import annotations

from dataclasses import replace

from .drafts import Drafts, TableDraft
from ..model import Index, IndexColumn
from .notes import Notebook
from .tables import NAMES


def finish(drafts: Drafts, notebook: Notebook) -> None:
    used: set[str] = set()
    for draft in drafts.tables.values():
        for column, sequence in draft.sequences.items():
            used.add(sequence)
            _check_sequence(drafts, notebook, draft, column, sequence)
        _fill_referenced_columns(drafts, draft)
        _check_charsets(notebook, draft)
        if NAMES[drafts.dialect].fk_index_by_column:
            _name_fk_indexes(draft)
    for name, sequence in drafts.sequences.items():
        if name not in used:
            notebook.unsupported(sequence.line, f"sequence {name}", "no column takes its "
                                 "values (nextval default); a free-standing sequence is not in "
                                 "schema.yaml, so it was left out.")


def _check_sequence(drafts: Drafts, notebook: Notebook, draft: TableDraft, column: str,
                    sequence_name: str) -> None:
    if column not in draft.columns:
        return
    line = draft.line_of("column", column)
    subject = f"column {draft.name}.{column}"
    sequence = drafts.sequences.get(sequence_name)
    expected = f"{draft.name}_{column}_seq"
    if sequence is not None and not sequence.plain:
        notebook.unsupported(sequence.line, f"sequence {sequence_name}",
                             f"its options (start, step, bounds, cache or cycle) are not kept; "
                             f"{draft.name}.{column} is written as a plain auto_increment.",
                             draft.name)
    if sequence_name != expected and sequence is not None:
        notebook.changed(line, subject, f"its sequence {sequence_name} will be named "
                         f"{expected}, as serial names it.", draft.name)
    if sequence is not None and sequence.owner is None:
        notebook.changed(line, subject, f"sequence {sequence_name} is not OWNED BY the "
                         "column; the generated serial column owns its sequence.", draft.name)


def _fill_referenced_columns(drafts: Drafts, draft: TableDraft) -> None:
    """`REFERENCES t` without columns means t's primary key."""
    filled = []
    for fk in draft.foreign_keys:
        if fk.ref_columns == ("",):
            target = drafts.tables.get(fk.ref_table)
            columns = target.primary_key.columns if target and target.primary_key else ()
            fk = replace(fk, ref_columns=columns)
        filled.append(fk)
    draft.foreign_keys = filled


def _check_charsets(notebook: Notebook, draft: TableDraft) -> None:
    """A column CHARACTER SET is implied by its collation or the table's own character set."""
    for name, charset in draft.charsets.items():
        column = draft.columns.get(name)
        if column is None or column.collation or charset == draft.options.get("charset"):
            continue
        notebook.changed(draft.line_of("column", name), f"column {draft.name}.{name}",
                         f"CHARACTER SET {charset} without a COLLATE is not kept (the format "
                         "holds a column's collation); the column takes the table's "
                         "character set.", draft.name)


def _name_fk_indexes(draft: TableDraft) -> None:
    """The index InnoDB adds for an unnamed foreign key, named after its first column.

    A named foreign key's index takes the constraint's name, which the resolver gives it;
    an unnamed one's takes the column's, so it is written out as an index of that name.
    """
    for fk in draft.foreign_keys:
        if fk.name not in draft.unnamed_foreign_keys or _covered(draft, fk.columns):
            continue
        taken = {index.name for index in draft.indexes}
        name, counter = fk.columns[0], 2
        while name in taken:
            name, counter = f"{fk.columns[0]}_{counter}", counter + 1
        draft.indexes.append(Index(name, tuple(IndexColumn(c) for c in fk.columns),
                                   origin=fk.origin))


def _covered(draft: TableDraft, columns: tuple[str, ...]) -> bool:
    leading = [index.column_names for index in draft.indexes]
    if draft.primary_key:
        leading.append(draft.primary_key.columns)
    return any(found[: len(columns)] == columns for found in leading)
