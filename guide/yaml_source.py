"""YAML reading that remembers where each mapping and each value came from."""

from typing import Any

import yaml


class LineDict(dict):
    """A mapping from a YAML file with the line of the mapping and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def _loader_class(first_line: int):
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        loader.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = node.start_mark.line + first_line
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + first_line
        return mapping

    def construct_sequence(loader, node, deep=False):
        sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + first_line
        sequence.item_lines = [child.start_mark.line + first_line for child in node.value]
        return sequence

    def construct_timestamp_as_text(loader, node):
        # Dates stay text: the loader validates them where they are used.
        return loader.construct_scalar(node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp_as_text)
    return Loader


def yaml_parse(text: str, *, first_line: int = 1) -> Any:
    """Parse YAML; lines are counted from ``first_line`` (for YAML embedded in a Markdown file).

    Raises ``yaml.YAMLError`` whose ``problem_mark`` gives the 0-based line inside ``text``.
    """
    return yaml.load(text, Loader=_loader_class(first_line))  # noqa: S506 - SafeLoader subclass
