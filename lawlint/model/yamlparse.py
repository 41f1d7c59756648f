"""The only module that imports PyYAML (15 ms): :mod:`.packs` loads it only when a YAML file's
parse is not in the cache, so a run with a warm cache never pays for it."""

from __future__ import annotations

from typing import Any

import yaml

# What YAML aliases (*name) may add to a document once expanded: reusing a list of codes is
# fine, a "billion laughs" chain of aliases is not.
MAX_ALIAS_NODES = 10_000

YAMLError = yaml.YAMLError


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's: ten times faster cold
    """The safe loader, with a value its type refuses (a 5,000-digit integer, 2024-13-45,
    ``!!float abc``) reported as a YAML error at its line instead of a crash."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            raise Unconvertible(node.start_mark.line + 1) from None


class Unconvertible(yaml.YAMLError):
    """A scalar its tag's type refuses, at a line."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class AliasBomb(Exception):
    """Aliases that expand past MAX_ALIAS_NODES or contain themselves."""


def parse_yaml(text: str) -> Any:
    """Safe-load one YAML document, refusing alias bombs before they are built."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(root: yaml.Node) -> None:
    """Raise AliasBomb when aliases make the document's tree much larger than its text.

    An alias is the very node it names, so the nodes form a graph; each node's expanded size
    is computed once (iteratively: no recursion limit) and capped, so this is linear in the
    text whatever the aliases multiply to.
    """
    cap = MAX_ALIAS_NODES * 10
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: meeting one again is a cycle
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            sizes[key] = min(cap, 1 + sum(sizes[id(child)] for child in _children(node)))
        elif key in open_nodes:
            raise AliasBomb
        elif key not in sizes:
            distinct += 1
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    if sizes[id(root)] - distinct > MAX_ALIAS_NODES:
        raise AliasBomb
