"""Validation rules: what would make a target server refuse the DDL or do the wrong thing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import sqlglot
from sqlglot import exp

from .. import types
from ..dialects import Dialect, identifier_size
from ..findings import Finding
from ..model import Index, Schema, Table
from ..spec.resolve import column_entries
from . import Subject, rule

ERROR = "error"


def _each(subject: Subject) -> Iterator[tuple[Dialect, Schema]]:
    for name, schema in subject.schemas.items():
        yield subject.dialects[name], schema


def _one(subject: Subject) -> Schema:
    """The model of one target, for rules whose answer is the same on every target."""
    return next(iter(subject.schemas.values()))


def _error(code: str, path: str, message: str, dialect: Dialect | None = None) -> Finding:
    return Finding(code, message, path, ERROR, dialect.name if dialect else None)


@rule("group-unknown", ERROR, "A table includes a column group that does not exist.")
def group_unknown(subject: Subject) -> Iterator[Finding]:
    for table_name, table in subject.spec.tables.items():
        for i, group in enumerate(table.include):
            if group not in subject.spec.column_groups:
                known = ", ".join(sorted(subject.spec.column_groups)) or "none defined"
                yield _error("group-unknown", f"tables.{table_name}.include[{i}]",
                             f"There is no column group '{group}' (known: {known}); "
                             "define it under `column_groups:` or fix the name.")


@rule("column-duplicate", ERROR, "Two columns of one table have the same name.")
def column_duplicate(subject: Subject) -> Iterator[Finding]:
    for table_name, table in subject.spec.tables.items():
        counts = Counter(name for name, _, _ in column_entries(subject.spec, table_name, table))
        for name, _, path in column_entries(subject.spec, table_name, table):
            if counts[name] > 1 and path.startswith("column_groups"):
                yield _error("column-duplicate", f"tables.{table_name}.include",
                             f"Column '{name}' comes from a group and is also declared in the "
                             "table; drop one of them.")


@rule("table-no-columns", ERROR, "A table without any column.")
def table_no_columns(subject: Subject) -> Iterator[Finding]:
    """PostgreSQL accepts `CREATE TABLE a ()`; MySQL and MariaDB refuse it (error 1064)."""
    for table_name, table in subject.spec.tables.items():
        if not column_entries(subject.spec, table_name, table):
            yield _error("table-no-columns", f"tables.{table_name}",
                         f"Table '{table_name}' has no columns, which MySQL and MariaDB "
                         "refuse; add a column or remove the table.")


@rule("column-case-duplicate", ERROR, "Two column names that differ only in case on MySQL.")
def column_case_duplicate(subject: Subject) -> Iterator[Finding]:
    """MySQL and MariaDB compare column names without case (error 1060 for `id` and `ID`)."""
    for dialect, schema in _each(subject):
        if dialect.identifier_unit != "characters":
            continue  # PostgreSQL keeps quoted names as written
        for table in schema.tables:
            seen: dict[str, str] = {}
            for column in table.columns:
                first = seen.setdefault(column.name.lower(), column.name)
                if first != column.name:
                    yield _error("column-case-duplicate", column.origin,
                                 f"Columns '{first}' and '{column.name}' differ only in case, "
                                 f"which {dialect.title} takes as one name; rename one of them.",
                                 dialect)


@rule("column-options", ERROR, "A column option that does not fit the column's type.")
def column_options(subject: Subject) -> Iterator[Finding]:
    for table_name, table in subject.spec.tables.items():
        for _name, column, path in column_entries(subject.spec, table_name, table):
            yield from _column_options(column, path)


def _column_options(column, path: str) -> Iterator[Finding]:
    try:
        portable = types.parse(column.type)
    except types.TypeError_:
        return  # reported by the resolver as type-unknown
    kind = types.family(portable)
    if portable.name == "enum" and not column.values:
        yield _error("enum-values", f"{path}.values",
                     "An enum needs its allowed values; add `values: [a, b]`.")
    if portable.name != "enum" and column.values:
        yield _error("enum-values", f"{path}.values",
                     "Only an `enum` column takes `values`; remove them or make it an enum.")
    if column.values and len(set(column.values)) != len(column.values):
        yield _error("enum-values", f"{path}.values", "An enum value is listed twice; "
                     "list each value once.")
    if portable.name == "enum" and column.values and column.default is not None \
            and str(column.default) not in column.values:
        yield _error("enum-default", f"{path}.default",
                     f"The default '{column.default}' is not one of the enum's values; "
                     "use one of them or add it to `values`.")
    if column.unsigned and kind not in ("integer", "decimal", "float"):
        yield _error("unsigned-type", f"{path}.unsigned",
                     "Only numbers can be unsigned; remove `unsigned`.")
    if column.auto_increment and kind != "integer":
        yield _error("auto-increment-type", f"{path}.auto_increment",
                     "Only an integer column can auto-increment; use integer or bigint.")
    if column.auto_increment and (column.default is not None or column.default_sql):
        yield _error("auto-increment-default", f"{path}.default",
                     "An auto-increment column takes no default; remove the default.")
    if (column.on_delete or column.on_update or column.foreign_key_name) \
            and not column.references:
        yield _error("fk-options", f"{path}.references",
                     "`on_delete`, `on_update` and `foreign_key_name` need `references:`.")


@rule("enum-values", ERROR, "Enum values a native ENUM would strip or take as equal.")
def enum_values_native(subject: Subject) -> Iterator[Finding]:
    """MySQL and MariaDB strip trailing spaces from ENUM values and compare them by collation.

    https://mariadb.com/kb/en/enum/ (error 1291 for duplicated values)
    """
    for dialect, schema in _each(subject):
        if not dialect.native_enum:
            continue
        for table in schema.tables:
            for column in table.columns:
                if column.type.values:
                    yield from _native_enum_values(dialect, table, column)


def _native_enum_values(dialect: Dialect, table: Table, column) -> Iterator[Finding]:
    path = f"{column.origin}.values"
    spaced = [value for value in column.type.values if value != value.rstrip(" ")]
    if spaced:
        yield _error("enum-values", path,
                     f"The enum value '{spaced[0]}' ends in spaces, which {dialect.title} "
                     "strips; remove the trailing spaces.", dialect)
        return
    collation = (_collation(table, column) or "").lower()
    # TODO(mysql): accent-insensitive collations also take 'e' and 'é' as one value.
    exact = collation.endswith("_bin") or "_cs" in collation
    keys = [value if exact else value.lower() for value in column.type.values]
    pairs = zip(column.type.values, keys, strict=True)
    clashing = [value for value, key in pairs if keys.count(key) > 1]
    if len(set(clashing)) > 1:
        yield _error("enum-values", path,
                     f"The enum values {', '.join(repr(v) for v in dict.fromkeys(clashing))} "
                     f"differ only in case, which {dialect.title} takes as one value "
                     f"(collation {collation}); keep one of them.", dialect)


@rule("auto-increment-key", ERROR, "An auto-increment column that is not the primary key.")
def auto_increment_key(subject: Subject) -> Iterator[Finding]:
    for table in _one(subject).tables:
        pk = table.primary_key.columns if table.primary_key else ()
        for column in table.columns:
            if column.auto_increment and (not pk or pk[0] != column.name):
                yield _error("auto-increment-key", f"{column.origin}.auto_increment",
                             "An auto-increment column must lead the primary key "
                             "(MySQL refuses it otherwise); make it the primary key.")


@rule("key-column-unknown", ERROR, "A key, index or check names a column that is not there.")
def key_column_unknown(subject: Subject) -> Iterator[Finding]:
    for table in _one(subject).tables:
        # Declared names, so a column left out for a bad type is not also "missing".
        spec = subject.spec.tables[table.name]
        declared = {name for name, _, _ in column_entries(subject.spec, table.name, spec)}
        yield from _unknown_key_columns(table, declared)


def _unknown_key_columns(table: Table, names: set[str]) -> Iterator[Finding]:
    keyed = [(table.primary_key.origin, table.primary_key.columns)] if table.primary_key else []
    keyed += [(index.origin, index.column_names) for index in table.indexes]
    keyed += [(fk.origin, fk.columns) for fk in table.foreign_keys]
    for origin, columns in keyed:
        for column in columns:
            if column not in names:
                yield _error("key-column-unknown", origin,
                             f"Table '{table.name}' has no column '{column}'; "
                             "fix the name or add the column.")


@rule("check-column", ERROR, "A check reads a column that is missing or auto-increments.")
def check_column(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        for table in schema.tables:
            for check in table.checks:
                if check.enum_column is None:
                    yield from _check_columns(dialect, table, check)


def _check_columns(dialect: Dialect, table: Table, check) -> Iterator[Finding]:
    try:
        parsed = sqlglot.parse_one(check.expression, read=dialect.sqlglot)
    except sqlglot.errors.SqlglotError:
        return  # reported by sql-syntax
    if parsed is None:
        return
    for name in dict.fromkeys(column.name for column in parsed.find_all(exp.Column)):
        column = table.column(name)
        if column is None:
            yield _error("check-column", f"{check.origin}.expression",
                         f"The check reads '{name}', which table '{table.name}' does not "
                         "have; fix the name or add the column.", dialect)
        elif column.auto_increment and dialect.auto_increment_keyword:
            yield _error("check-column", f"{check.origin}.expression",
                         f"The check reads '{name}', an AUTO_INCREMENT column, which "
                         f"{dialect.title} refuses in a CHECK; drop the check.", dialect)


@rule("key-column-repeated", ERROR, "A key lists the same column twice.")
def key_column_repeated(subject: Subject) -> Iterator[Finding]:
    for table in _one(subject).tables:
        keyed = [(table.primary_key.origin, table.primary_key.columns)] \
            if table.primary_key else []
        keyed += [(index.origin, index.column_names) for index in table.indexes]
        keyed += [(fk.origin, fk.columns) for fk in table.foreign_keys]
        for origin, columns in keyed:
            if len(set(columns)) != len(columns):
                yield _error("key-column-repeated", origin,
                             "A column appears twice in this key; list each column once.")


@rule("fk-target", ERROR, "A foreign key must point at the primary key or a unique key.")
def fk_target(subject: Subject) -> Iterator[Finding]:
    schema = _one(subject)
    tables = {table.name: table for table in schema.tables}
    for table in schema.tables:
        for fk in table.foreign_keys:
            yield from _fk_target(table, fk, tables.get(fk.ref_table))


def _fk_target(table: Table, fk, target: Table | None) -> Iterator[Finding]:
    where = f"{table.name}({', '.join(fk.columns)}) -> {fk.ref_table}({', '.join(fk.ref_columns)})"
    if target is None:
        yield _error("fk-target", fk.origin,
                     f"Foreign key {where}: there is no table '{fk.ref_table}'; "
                     "fix the name or declare the table.")
        return
    missing = [column for column in fk.ref_columns if target.column(column) is None]
    if missing:
        yield _error("fk-target", fk.origin,
                     f"Foreign key {where}: '{fk.ref_table}' has no column "
                     f"'{missing[0]}'; fix the name.")
        return
    if len(fk.columns) != len(fk.ref_columns):
        yield _error("fk-target", fk.origin,
                     f"Foreign key {where}: it pairs {len(fk.columns)} column(s) with "
                     f"{len(fk.ref_columns)}; list as many on each side.")
        return
    if not _is_key(target, fk.ref_columns):
        yield _error("fk-target", fk.origin,
                     f"Foreign key {where}: the referenced columns are neither the primary "
                     "key nor a unique key of exactly these columns (PostgreSQL refuses "
                     "it); reference the key or declare a unique key on them.")


def _is_key(table: Table, columns: tuple[str, ...]) -> bool:
    keys = [index.column_names for index in table.indexes
            if index.unique and index.where is None]
    if table.primary_key:
        keys.append(table.primary_key.columns)
    return any(set(key) == set(columns) and len(key) == len(columns) for key in keys)


@rule("fk-type-mismatch", ERROR, "A foreign key column's type differs from its target's.")
def fk_type_mismatch(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        tables = {table.name: table for table in schema.tables}
        for table in schema.tables:
            for fk in table.foreign_keys:
                target = tables.get(fk.ref_table)
                if target is None or len(fk.columns) != len(fk.ref_columns):
                    continue
                for local, remote in zip(fk.columns, fk.ref_columns, strict=True):
                    mine, theirs = table.column(local), target.column(remote)
                    if mine and theirs and _type_key(mine.type) != _type_key(theirs.type):
                        yield _error(
                            "fk-type-mismatch", fk.origin,
                            f"{table.name}.{local} is {mine.type} but {fk.ref_table}.{remote} "
                            f"is {theirs.type} on {dialect.title}; give both the same type "
                            "(and signedness).", dialect)


def _type_key(sql_type) -> tuple:
    # varchar lengths may differ between a key and a reference on every target.
    if sql_type.name == "varchar":
        return ("varchar",)
    return (sql_type.name, sql_type.args, sql_type.unsigned)


@rule("fk-set-null", ERROR, "A foreign key that sets NULL in a NOT NULL column.")
def fk_set_null(subject: Subject) -> Iterator[Finding]:
    """MySQL and MariaDB refuse it (errno 150). PostgreSQL takes the DDL and fails on the
    first delete instead, so real PostgreSQL schemas carry it (Sakila's port does)."""
    for dialect, schema in _each(subject):
        if not dialect.table_options:
            continue  # only the InnoDB targets carry table options
        for table in schema.tables:
            for fk in table.foreign_keys:
                yield from _set_null(dialect, table, fk)


def _set_null(dialect: Dialect, table: Table, fk) -> Iterator[Finding]:
    for key in ("on_delete", "on_update"):
        if getattr(fk, key) != "set null":
            continue
        required = [name for name in fk.columns
                    if (column := table.column(name)) and not column.nullable]
        if required:
            yield _error("fk-set-null", fk.origin,
                         f"`{key}: set null` needs '{required[0]}' to allow NULL, but it is "
                         f"NOT NULL, which {dialect.title} refuses; make the column "
                         "`nullable: true` or choose another action.", dialect)


@rule("fk-set-default", ERROR, "A foreign key action SET DEFAULT, which InnoDB lacks.")
def fk_set_default(subject: Subject) -> Iterator[Finding]:
    """InnoDB refuses SET DEFAULT on MySQL 8 and keeps a plain restrict on MariaDB.

    https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
    """
    for dialect, schema in _each(subject):
        if not dialect.table_options:
            continue  # only the InnoDB targets carry table options
        for table in schema.tables:
            for fk in table.foreign_keys:
                for key in ("on_delete", "on_update"):
                    if getattr(fk, key) == "set default":
                        yield _error("fk-set-default", fk.origin,
                                     f"InnoDB on {dialect.title} has no `{key}: set default` "
                                     "(it refuses or ignores it); use set null, restrict, "
                                     "cascade or no action.", dialect)


@rule("fk-engine", ERROR, "A table in a foreign key whose MySQL engine is not InnoDB.")
def fk_engine(subject: Subject) -> Iterator[Finding]:
    """Engines other than InnoDB parse a foreign key and drop it without a word."""
    for dialect, schema in _each(subject):
        if not dialect.table_options:
            continue
        for table in _tables_in_foreign_keys(schema):
            engine = dict(table.options).get("engine")
            if engine and engine.lower() != "innodb":
                yield _error("fk-engine", _engine_path(subject, table.name),
                             f"Table '{table.name}' takes part in a foreign key but uses engine "
                             f"{engine}, which {dialect.title} lets drop the key silently; "
                             "use InnoDB for it.", dialect)


def _tables_in_foreign_keys(schema: Schema) -> list[Table]:
    referenced = {fk.ref_table for table in schema.tables for fk in table.foreign_keys}
    return [table for table in schema.tables
            if table.foreign_keys or table.name in referenced]


def _engine_path(subject: Subject, table_name: str) -> str:
    options = subject.spec.tables[table_name].options
    if options and options.mysql and options.mysql.engine:
        return f"tables.{table_name}.options.mysql.engine"
    return "settings.mysql.engine"


@rule("fk-collation-mismatch", ERROR, "String FK columns with different collations on MySQL.")
def fk_collation_mismatch(subject: Subject) -> Iterator[Finding]:
    """InnoDB refuses a foreign key between string columns of different collations."""
    for dialect, schema in _each(subject):
        if not dialect.table_options:
            continue
        tables = {table.name: table for table in schema.tables}
        for table in schema.tables:
            for fk in table.foreign_keys:
                target = tables.get(fk.ref_table)
                if target is not None:
                    yield from _collation_pairs(dialect, table, fk, target)


def _collation_pairs(dialect: Dialect, table: Table, fk, target: Table) -> Iterator[Finding]:
    for local, remote in zip(fk.columns, fk.ref_columns, strict=False):
        mine, theirs = table.column(local), target.column(remote)
        if not mine or not theirs or mine.type.name not in ("varchar", "char"):
            continue
        left, right = _collation(table, mine), _collation(target, theirs)
        if left != right:
            yield _error("fk-collation-mismatch", fk.origin,
                         f"{table.name}.{local} uses collation {left} but "
                         f"{fk.ref_table}.{remote} uses {right}; {dialect.title} refuses "
                         "such a foreign key. Give both columns the same collation.", dialect)


def _collation(table: Table, column) -> str | None:
    return column.collation or dict(table.options).get("collation")


@rule("supplementary-characters", ERROR, "Characters beyond U+FFFF where MySQL keeps utf8mb3.")
def supplementary_characters(subject: Subject) -> Iterator[Finding]:
    """MySQL and MariaDB keep names and comments in utf8mb3: an emoji is refused or lost.

    https://dev.mysql.com/doc/refman/8.0/en/identifiers.html
    """
    for dialect, schema in _each(subject):
        if not dialect.table_options:
            continue
        for text, origin, what in _metadata_texts(schema):
            if any(ord(character) > 0xFFFF for character in text):
                yield _error("supplementary-characters", origin,
                             f"The {what} holds a character beyond U+FFFF (such as an emoji), "
                             f"which {dialect.title} cannot keep in its catalog; remove it.",
                             dialect)


def _metadata_texts(schema: Schema) -> Iterator[tuple[str, str, str]]:
    for name, origin in _all_names(schema):
        yield name, origin, "name"
    for table in schema.tables:
        if table.comment:
            yield table.comment, f"{table.origin}.comment", "comment"
        for column in table.columns:
            if column.comment:
                yield column.comment, f"{column.origin}.comment", "comment"


@rule("name-duplicate", ERROR, "Two objects share a name where the server needs it unique.")
def name_duplicate(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        for scope, named in _namespaces(dialect, schema):
            seen: dict[str, str] = {}
            for name, origin in named:
                key = name.lower() if dialect.identifier_unit == "characters" else name
                if key in seen:
                    yield _error("name-duplicate", origin,
                                 f"The name '{name}' is already used by {seen[key]} "
                                 f"({scope} on {dialect.title}); give one of them another "
                                 "name.", dialect)
                else:
                    seen[key] = origin or "another object"


def _namespaces(dialect: Dialect, schema: Schema) -> Iterator[tuple[str, list]]:
    relations = [(table.name, table.origin) for table in schema.tables]
    constraints: list = []
    for table in schema.tables:
        indexes = [(index.name, index.origin) for index in table.indexes if not index.implicit]
        if dialect.schema_wide_index_names:
            relations += indexes
            if table.primary_key:
                relations.append((table.primary_key.name, table.primary_key.origin))
        else:
            yield f"index names of table {table.name}", indexes
        named = [(fk.name, fk.origin) for fk in table.foreign_keys]
        named += [(check.name, check.origin) for check in table.checks]
        if dialect.schema_wide_constraint_names:
            constraints += named
        else:
            yield f"constraint names of table {table.name}", named + [
                (index.name, index.origin) for index in table.indexes if index.constraint]
    yield "table and index names", relations
    if constraints:
        yield "constraint names", constraints


@rule("identifier-length", ERROR, "A name longer than the target server allows.")
def identifier_length(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        for name, origin in _all_names(schema):
            size = identifier_size(dialect, name)
            if size > dialect.identifier_limit:
                yield _error("identifier-length", origin,
                             f"'{name}' is {size} {dialect.identifier_unit} long; the limit "
                             f"on {dialect.title} is {dialect.identifier_limit}. "
                             "Choose a shorter name.", dialect)


def _all_names(schema: Schema) -> Iterator[tuple[str, str]]:
    for table in schema.tables:
        yield table.name, table.origin
        for column in table.columns:
            yield column.name, column.origin
        for index in table.indexes:
            yield index.name, index.origin
        for fk in table.foreign_keys:
            yield fk.name, fk.origin
        for check in table.checks:
            yield check.name, check.origin


@rule("identifier-chars", ERROR, "A name with characters that cannot be an identifier.")
def identifier_chars(subject: Subject) -> Iterator[Finding]:
    for name, origin in _all_names(_one(subject)):
        if "\0" in name or name != name.strip() or name.endswith(" "):
            yield _error("identifier-chars", origin,
                         f"'{name}' has a NUL byte or surrounding spaces; rename it.")


@rule("text-in-key", ERROR, "A TEXT, BLOB or JSON column in a MySQL key needs a prefix.")
def text_in_key(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        if not dialect.prefix_indexes:
            continue
        for table in schema.tables:
            yield from _text_keys(dialect, table)


def _text_keys(dialect: Dialect, table: Table) -> Iterator[Finding]:
    keyed = [(table.primary_key.origin, [(c, None) for c in table.primary_key.columns], True)] \
        if table.primary_key else []
    keyed += [(i.origin, [(c.name, c.length) for c in i.columns], i.unique)
              for i in table.indexes if not i.implicit]
    for origin, columns, unique in keyed:
        for name, length in columns:
            column = table.column(name)
            if column is None or not types.needs_prefix(column.type) or length:
                continue
            if column.type.name == "json" and not dialect.json_is_text:
                continue  # reported by json-in-key: no prefix helps there
            advice = ("use a varchar(n) type instead (a prefix would change what is unique)"
                      if unique else "give the index column a `length:` prefix")
            if column.type.name == "json":
                advice = ("index a varchar column that holds the value you look up "
                          "(MySQL cannot index JSON at all)")
            yield _error("text-in-key", origin,
                         f"'{name}' is {column.type}, which {dialect.title} can only index "
                         f"through a prefix; {advice}.", dialect)


@rule("index-key-too-long", ERROR, "A MySQL index key wider than InnoDB's 3072 bytes.")
def index_key_too_long(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        if not dialect.index_key_bytes:
            continue
        for table in schema.tables:
            limit, why = _key_limit(dialect, table)
            for index in table.indexes:
                total = _key_bytes(dialect, table, index)
                if total and total > limit:
                    yield _error("index-key-too-long", index.origin,
                                 f"Index '{index.name}' needs {total} bytes per key with "
                                 f"{dialect.charset_bytes}-byte characters; the limit on "
                                 f"{dialect.title}{why} is {limit}. "
                                 "Shorten the columns or give prefix lengths.", dialect)


# https://dev.mysql.com/doc/refman/8.0/en/innodb-limits.html: 767 bytes for these formats.
_SMALL_KEY_FORMATS = {"COMPACT": 767, "REDUNDANT": 767}


def _key_limit(dialect: Dialect, table: Table) -> tuple[int, str]:
    """The index key limit of one table, and the words that explain a lower one."""
    row_format = (dict(table.options).get("row_format") or "").upper()
    if row_format in _SMALL_KEY_FORMATS:
        return _SMALL_KEY_FORMATS[row_format], f" with ROW_FORMAT={row_format}"
    return dialect.index_key_bytes or 0, ""


def _key_bytes(dialect: Dialect, table: Table, index: Index) -> int | None:
    total = 0
    for part in index.columns:
        column = table.column(part.name)
        size = types.key_bytes(column.type, dialect, part.length) if column else 0
        if size is None:
            return None  # reported by text-in-key
        total += size
    return total


@rule("prefix-length", ERROR, "A prefix length on a column that cannot take one.")
def prefix_length(subject: Subject) -> Iterator[Finding]:
    prefixed = [(d, schema) for d, schema in _each(subject) if d.prefix_indexes]
    for table in prefixed[0][1].tables if prefixed else ():
        for index in table.indexes:
            for part in index.columns:
                column = table.column(part.name)
                if column is not None and part.length is not None:
                    yield from _prefix(index, part, column)


def _prefix(index: Index, part, column) -> Iterator[Finding]:
    if column.type.name in ("varchar", "char") and part.length > column.type.args[0]:
        yield _error("prefix-length", index.origin,
                     f"The prefix {part.length} of '{part.name}' is longer than the column "
                     f"({column.type}); shorten it.")
    elif column.type.name not in ("varchar", "char") and not types.needs_prefix(column.type):
        yield _error("prefix-length", index.origin,
                     f"'{part.name}' is {column.type}; only string columns take a prefix "
                     "length. Remove `length`.")


@rule("dialect-unsupported", ERROR, "A construct a target cannot express.")
def dialect_unsupported(subject: Subject) -> Iterator[Finding]:
    for table_name, table in subject.spec.tables.items():
        for i, index in enumerate(table.indexes):
            path = f"tables.{table_name}.indexes[{i}]"
            for dialect in subject.dialects.values():
                if index.dialects is not None and dialect.name not in index.dialects:
                    continue
                if index.where and not dialect.partial_indexes:
                    severity = "error" if index.unique else "warning"
                    yield Finding("dialect-unsupported",
                                  f"There are no partial indexes on {dialect.title}, so this "
                                  "index covers every row there"
                                  + ("; that changes what is unique, so drop `where` or "
                                     "limit the targets." if index.unique else "."),
                                  f"{path}.where", severity, dialect.name)
                if index.using and not dialect.index_methods and index.using != "btree":
                    yield Finding("dialect-unsupported",
                                  f"There is no `using {index.using}` index on "
                                  f"{dialect.title}; a B-tree index is created there instead.",
                                  f"{path}.using", "warning", dialect.name)


@rule("gin-on-json", ERROR, "A GIN index on a PostgreSQL `json` column.")
def gin_on_json(subject: Subject) -> Iterator[Finding]:
    """PostgreSQL has no GIN operator class for `json`, only for `jsonb`."""
    for dialect, schema in _each(subject):
        for table in schema.tables:
            for index in table.indexes:
                if (index.using or "").lower() != "gin":
                    continue
                for part in index.columns:
                    column = table.column(part.name)
                    if column is not None and column.type.name == "json":
                        yield _error("gin-on-json", index.origin,
                                     f"'{part.name}' is json, which has no GIN operator class "
                                     f"on {dialect.title}; make the column `jsonb`.", dialect)


# What PostgreSQL 15 indexes without extensions, by method (checked live on every portable
# type): btree and hash take all but json, gin only jsonb, gist none, spgist text and inet.
PG_INDEX_METHODS = ("btree", "hash", "gist", "gin", "spgist", "brin")
_PG_METHOD_TAKES: dict[str, set[str]] = {"gin": {"jsonb"}, "gist": set(),
                                         "spgist": {"varchar", "text", "inet"}}
_PG_METHOD_REFUSES: dict[str, set[str]] = {"btree": {"json"}, "hash": {"json"},
                                           "brin": {"boolean", "json", "jsonb"}}


@rule("index-method", ERROR, "A PostgreSQL index method that does not exist or fit.")
def index_method(subject: Subject) -> Iterator[Finding]:
    for dialect, schema in _each(subject):
        if not dialect.index_methods:
            continue
        for table in schema.tables:
            for index in table.indexes:
                if index.using:
                    yield from _index_method(dialect, table, index, index.using.lower())


def _index_method(dialect: Dialect, table: Table, index: Index, method: str
                  ) -> Iterator[Finding]:
    if method not in PG_INDEX_METHODS:
        yield _error("index-method", index.origin,
                     f"There is no index method '{index.using}' on {dialect.title}; use one "
                     f"of {', '.join(PG_INDEX_METHODS)}.", dialect)
        return
    if index.unique and method != "btree":
        yield _error("index-method", index.origin,
                     f"Only btree indexes can be unique on {dialect.title}; drop `using` "
                     "or `unique`.", dialect)
    for part in index.columns:
        column = table.column(part.name)
        if column is None or column.type.name == "json":
            continue  # reported by key-column-unknown, gin-on-json or json-in-key
        if not _method_takes(method, column.type.name):
            yield _error("index-method", index.origin,
                         f"'{part.name}' is {column.type}, which has no {method} operator "
                         f"class on {dialect.title}; use another method or drop `using`.",
                         dialect)


def _method_takes(method: str, type_name: str) -> bool:
    if method in _PG_METHOD_TAKES:
        return type_name in _PG_METHOD_TAKES[method]
    return type_name not in _PG_METHOD_REFUSES.get(method, set())


@rule("json-in-key", ERROR, "A json column in a B-tree index, unique key or primary key.")
def json_in_key(subject: Subject) -> Iterator[Finding]:
    """PostgreSQL has no btree operator class for json; MySQL 8 cannot index JSON (3152).

    MariaDB keeps JSON as LONGTEXT, which text-in-key covers.
    """
    for dialect, schema in _each(subject):
        if dialect.json_is_text:
            continue
        if dialect.index_methods:
            why, advice = "has no btree operator class on", "make the column `jsonb`"
        else:
            why = "cannot be indexed, not even through a prefix, on"
            advice = "index a varchar column that holds the value you look up"
        for table in schema.tables:
            for origin, name in _btree_key_columns(dialect, table):
                column = table.column(name)
                if column is not None and column.type.name == "json":
                    yield _error("json-in-key", origin,
                                 f"'{name}' is json, which {why} {dialect.title}; "
                                 f"{advice}.", dialect)


def _btree_key_columns(dialect: Dialect, table: Table) -> Iterator[tuple[str, str]]:
    if table.primary_key:
        for name in table.primary_key.columns:
            yield table.primary_key.origin, name
    for index in table.indexes:
        method = (index.using or "btree").lower() if dialect.index_methods else "btree"
        if not index.implicit and method in ("btree", "hash"):
            for part in index.columns:
                yield index.origin, part.name


@rule("sql-syntax", ERROR, "An SQL expression in the file that does not parse.")
def sql_syntax(subject: Subject) -> Iterator[Finding]:
    for dialect in subject.dialects.values():
        for path, text, kind in _sql_fragments(subject):
            problem = _expression_problem(dialect, text, kind)
            if problem:
                yield _error("sql-syntax", path, problem, dialect)


def _expression_problem(dialect: Dialect, text: str, kind: str) -> str | None:
    """What keeps `text` from being emitted as one expression on `dialect`, if anything."""
    if not text.strip():
        return "The expression is empty; write one or remove the key."
    try:
        parsed = sqlglot.parse_one(text, read=dialect.sqlglot)
        tokens = sqlglot.tokenize(text, read=dialect.sqlglot)
    except sqlglot.errors.SqlglotError:
        parsed = None
    if parsed is None:
        return (f"'{text}' is not an SQL expression that {dialect.title} can read; "
                "fix the expression.")
    if ";" in text:
        return f"'{text}' must be one expression, not a statement; remove the statement."
    if parsed.find(exp.Query, exp.Subquery):
        return (f"'{text}' holds a subquery, which no server accepts in a {kind}; "
                "write a plain expression.")
    if not isinstance(parsed, exp.Condition):
        return f"'{text}' must be one expression, not a statement; remove the statement."
    return _expression_content(dialect, text, kind, parsed, tokens)


def _expression_content(dialect: Dialect, text: str, kind: str, parsed: exp.Expression,
                        tokens: list) -> str | None:
    if any(token.comments for token in tokens):
        # Emitted inside a longer line, `--` would swallow the rest of the statement.
        return f"'{text}' holds an SQL comment; remove the comment."
    if kind == "default" and not dialect.parenthesized_defaults and parsed.find(exp.Column):
        # MySQL 8 and MariaDB let a parenthesized default read other columns.
        return (f"'{text}' reads a column, which {dialect.title} refuses in a default; "
                "use a constant or a function such as CURRENT_TIMESTAMP.")
    return None


def _sql_fragments(subject: Subject) -> Iterator[tuple[str, str, str]]:
    """Every SQL expression of the file: (YAML path, text, what it is)."""
    for table_name, table in subject.spec.tables.items():
        for _name, column, path in column_entries(subject.spec, table_name, table):
            if column.default_sql is not None:
                yield f"{path}.default_sql", column.default_sql, "default"
            for dialect_name, override in column.overrides.items():
                if override.default_sql is not None and dialect_name in subject.dialects:
                    yield (f"{path}.overrides.{dialect_name}.default_sql",
                           override.default_sql, "default")
        for i, check in enumerate(table.checks):
            yield f"tables.{table_name}.checks[{i}].expression", check.expression, "check"
        for i, index in enumerate(table.indexes):
            if index.where is not None:
                yield f"tables.{table_name}.indexes[{i}].where", index.where, "partial index"


@rule("nul-character", ERROR, "A NUL character in a comment or default.")
def nul_character(subject: Subject) -> Iterator[Finding]:
    for table_name, table in subject.spec.tables.items():
        if table.comment and "\0" in table.comment:
            yield _error("nul-character", f"tables.{table_name}.comment",
                         "Remove the NUL character: no server keeps it in a comment.")
        for _name, column, path in column_entries(subject.spec, table_name, table):
            for key in ("comment", "default"):
                value = getattr(column, key)
                if isinstance(value, str) and "\0" in value:
                    yield _error("nul-character", f"{path}.{key}",
                                 "Remove the NUL character: servers cut strings at it.")


@rule("comment-length", ERROR, "A comment longer than MySQL keeps.")
def comment_length(subject: Subject) -> Iterator[Finding]:
    # https://dev.mysql.com/doc/refman/8.0/en/create-table.html (COMMENT option)
    for table_name, table in subject.spec.tables.items():
        if table.comment and len(table.comment) > 2048:
            yield _error("comment-length", f"tables.{table_name}.comment",
                         "MySQL keeps at most 2048 characters of a table comment; shorten it.")
        for _name, column, path in column_entries(subject.spec, table_name, table):
            if column.comment and len(column.comment) > 1024:
                yield _error("comment-length", f"{path}.comment",
                             "MySQL keeps at most 1024 characters of a column comment; "
                             "shorten it.")
