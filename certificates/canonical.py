"""RDFC-1.0 canonicalisation in JSON-LD *safe mode*, with a bounded amount of work.

Wallets and reference verifiers (Digital Bazaar's jsonld.js with `safe: true`) refuse a document
when expansion would silently drop or mis-read part of it: a property or `@type` that no context
defines, a relative `@id`, an empty top-level object… The pinned PyLD (3.3) has no safe mode, so
this module reproduces the checks that matter: it expands with a processor that raises on every
dropped property or dropped value, then walks the expanded form for relative identifiers and types.
A credential that passes here is read the same way by every conformant verifier.

RDFC-1.0 is exponential on graphs of indistinguishable blank nodes (eight mutually linked ones take
minutes). Like rdf-canonize's `maxWorkFactor` (default 1), the number of "Hash N-Degree Quads" calls
is capped at the number of blank nodes, the blank nodes related to one node with the same hash are
capped, and a deadline stops any run that still takes too long.
"""

from __future__ import annotations

import re
import time

from pyld import jsonld
from pyld.canon import URDNA2015

MAX_QUADS = 400
MAX_BLANK_NODES = 64
MAX_SAME_HASH_RELATED = 5  # 5! = 120 permutations at most per group
DEADLINE_SECONDS = 0.5
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")


class UnsafeJsonLd(ValueError):
    """Part of the document would be dropped or read as a relative IRI: safe mode refuses it."""


class CanonicalisationTooComplex(ValueError):
    """The document's blank nodes would make canonicalisation run too long."""


def _is_absolute_iri(value: object) -> bool:
    return (isinstance(value, str) and ":" in value and not value.startswith("_:")) or _is_blank(value)


def _is_blank(value: object) -> bool:
    return isinstance(value, str) and value.startswith("_:")


class _SafeProcessor(jsonld.JsonLdProcessor):
    """Expansion that raises where jsonld.js's safe mode raises instead of dropping data."""

    def __init__(self):
        super().__init__(on_property_dropped=self._property_dropped)

    @staticmethod
    def _property_dropped(term):
        raise UnsafeJsonLd(f"term not defined by any context: {term!r}")

    def _expand(self, active_ctx, active_property, element, options, *args, **kwargs):
        result = super()._expand(active_ctx, active_property, element, options, *args, **kwargs)
        if result is None and element is not None:
            # Free-floating scalar, empty or @id-only top-level object, null @value, lone @language.
            raise UnsafeJsonLd(f"value dropped during expansion under {active_property!r}")
        return result


def _check_expanded(element: object) -> None:
    """Relative @id/@type references and malformed language tags, anywhere in the expanded form."""
    if isinstance(element, list):
        for item in element:
            _check_expanded(item)
        return
    if not isinstance(element, dict):
        return
    if "@value" in element:
        language = element.get("@language")
        if language is not None and not LANGUAGE_TAG.match(str(language)):
            raise UnsafeJsonLd(f"invalid @language value: {language!r}")
        return
    if "@id" in element and not _is_absolute_iri(element["@id"]):
        raise UnsafeJsonLd(f"relative @id reference: {element['@id']!r}")
    for type_ in element.get("@type", []):
        if not _is_absolute_iri(type_):
            raise UnsafeJsonLd(f"relative @type reference: {type_!r}")
    for key, value in element.items():
        if key not in ("@id", "@type"):
            _check_expanded(value)


class _BoundedURDNA2015(URDNA2015):
    """URDNA2015 (= RDFC-1.0) that gives up instead of running for minutes."""

    def __init__(self, *, max_deep_iterations: int, deadline: float):
        super().__init__()
        self.remaining = max_deep_iterations
        self.deadline = deadline

    def hash_n_degree_quads(self, id_, issuer):
        self.remaining -= 1
        if self.remaining < 0 or time.monotonic() > self.deadline:
            raise CanonicalisationTooComplex("too many indistinguishable blank nodes")
        return super().hash_n_degree_quads(id_, issuer)

    def create_hash_to_related(self, id_, issuer):
        related = super().create_hash_to_related(id_, issuer)
        if any(len(nodes) > MAX_SAME_HASH_RELATED for nodes in related.values()):
            raise CanonicalisationTooComplex("too many indistinguishable blank nodes")
        return related


def canonicalize_safe(document: dict, *, options: dict) -> str:
    """Canonical N-Quads of a JSON-LD document, refusing what safe mode refuses and what would run long.

    `options` are PyLD options (documentLoader, contextResolver); raises UnsafeJsonLd,
    CanonicalisationTooComplex or pyld's JsonLdError.
    """
    deadline = time.monotonic() + DEADLINE_SECONDS
    processor = _SafeProcessor()
    expand_options = {**options, "base": None}
    expanded = processor.expand(document, expand_options)
    _check_expanded(expanded)
    dataset = processor.to_rdf(expanded, {**options, "base": None})
    quads = [quad for triples in dataset.values() for quad in triples]
    if len(quads) > MAX_QUADS:
        raise CanonicalisationTooComplex(f"{len(quads)} quads, more than {MAX_QUADS}")
    blank_nodes = {
        component["value"]
        for quad in quads
        for key, component in quad.items()
        if key != "predicate" and component["type"] == "blank node"
    }
    if len(blank_nodes) > MAX_BLANK_NODES:
        raise CanonicalisationTooComplex(f"{len(blank_nodes)} blank nodes, more than {MAX_BLANK_NODES}")
    canon = _BoundedURDNA2015(max_deep_iterations=len(blank_nodes), deadline=deadline)
    return canon.main(dataset, {"format": "application/n-quads"})
