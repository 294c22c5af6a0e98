"""``engine.records.record`` behaves as ``dataclasses.dataclass`` does, without compiling methods at import."""

from __future__ import annotations

import dataclasses
from dataclasses import field

import pytest

from engine import records
from engine.records import record


def _classes(deco):
    @deco(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: list[str] = field(default_factory=list, compare=False)

    @deco(kw_only=True)
    class Named:
        name: str
        size: int = 1

    @deco
    class Plain:
        a: int

    return Point, Named, Plain


def _compiled(**kw):
    """``record``, each class then used until its own ``__init__`` is compiled (the path of a batch's records)."""

    def deco(cls=None, /, **more):
        def wrap(c):
            made = record(**kw, **more)(c)
            if records.FAST:
                args = {"Point": ((1,), {}), "Named": ((), {"name": "w"}), "Plain": ((1,), {})}[c.__name__]
                for _ in range(records.COMPILE_AFTER + 1):
                    made(*args[0], **args[1])
                assert made.__init__.__code__.co_filename == "<string>", "the compiled __init__ was not installed"
            return made

        return wrap if cls is None else wrap(cls)

    return deco


@pytest.mark.parametrize("deco", [dataclasses.dataclass, record, _compiled()], ids=["dataclass", "record", "record-compiled"])
def test_record_behaves_as_dataclass(deco):
    Point, Named, Plain = _classes(deco)
    p = Point(1, tags=["a"])
    assert (p.x, p.y, p.tags) == (1, 0, ["a"]) and repr(p).endswith("Point(x=1, y=0, tags=['a'])")
    assert p == Point(1) and p != Point(2) and hash(p) == hash(Point(1)) and Point.__match_args__ == ("x", "y", "tags")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    assert dataclasses.replace(p, y=5) == Point(1, 5) and dataclasses.asdict(p) == {"x": 1, "y": 0, "tags": ["a"]}
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags"]
    n = Named(name="n")
    n.size = 2
    assert n == Named(name="n", size=2) and Named.__hash__ is None and Plain(1) == Plain(1) and Plain(1) != Plain(2)
    for bad in (lambda: Named("n"), lambda: Point(), lambda: Point(1, 2, [], 4), lambda: Point(1, x=2), lambda: Point(1, z=2)):
        with pytest.raises(TypeError):
            bad()
    assert Point(1).tags is not Point(1).tags and Point(1, tags=None).tags is None  # a factory per instance; None is a value


def test_compiled_init_keeps_what_the_generic_one_does():
    """The compiled ``__init__`` leaves the instance as the generic one does; a class it cannot serve keeps the generic one."""
    if not records.FAST:
        pytest.skip("dataclasses' own __init__ in use")

    @record(frozen=True)
    class Slotted:
        __slots__ = ("a",)  # no instance __dict__: the generic __init__ stays
        a: int

    @record
    class Odd:
        a: int = 1
        b: str  # type: ignore[misc]  # no default after one with: Python refuses the signature, the generic one stays

    for cls, args in ((Slotted, (1,)), (Odd, (2, "x"))):
        generic = cls.__init__
        for _ in range(records.COMPILE_AFTER + 2):
            one = cls(*args)
        assert cls.__init__ is generic and dataclasses.astuple(one) == args


def test_record_collects_the_fields_dataclasses_would():
    """The fields, class attributes and parameters dataclasses would give (``record`` collects them itself)."""
    made = [_classes(deco) for deco in (dataclasses.dataclass, record)]
    slots = ("name", "type", "default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only", "_field_type")
    for ours, theirs in zip(made[1], made[0], strict=True):
        assert [[getattr(f, s) for s in slots] for f in dataclasses.fields(ours)] == [[getattr(f, s) for s in slots] for f in dataclasses.fields(theirs)]
        assert {k: v for k, v in vars(ours).items() if k in ours.__annotations__} == {k: v for k, v in vars(theirs).items() if k in theirs.__annotations__}
        # the generic methods are not dataclasses' compiled ones (the fallback is dataclasses itself)
        assert dataclasses.is_dataclass(ours) and ours.__dataclass_params__.init is not records.FAST
    with pytest.raises(ValueError, match="mutable default"):
        record(type("Bad", (), {"__annotations__": {"xs": "list[int]"}, "xs": []}))


_WITHOUT_PRIVATE_PARTS = """
import dataclasses, sys
dataclasses._FIELD = object()  # as if a Python release had changed what the marker is
import engine.records
assert engine.records.FAST is False, "the fallback was not taken"
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-k", "not fallback", sys.argv[1]]))
"""


def test_fallback_to_dataclasses_when_their_private_parts_are_not_as_expected():
    """Without the private marker ``record`` relies on, it is ``dataclasses.dataclass``: the record tests pass on it."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _WITHOUT_PRIVATE_PARTS, str(Path(__file__))], cwd=root, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


@pytest.mark.parametrize("deco", [record, dataclasses.dataclass])
def test_replaced_is_dataclasses_replace(deco):
    """``replaced`` gives what ``dataclasses.replace`` gives (a new object, the fields in order, the others shared), for
    records and plain dataclasses, frozen or not; and its errors, through ``replace`` itself, for a field not there."""
    point_cls, named_cls, plain_cls = _classes(deco)
    for obj, changes in ((point_cls(1, 2, ["a"]), {"y": 5}), (named_cls(name="n"), {"size": 3}), (plain_cls(1), {})):
        got, want = records.replaced(obj, **changes), dataclasses.replace(obj, **changes)
        assert got == want and got is not obj and type(got) is type(want)
        assert list(vars(got)) == list(vars(want)) and all(getattr(got, k) is getattr(want, k) for k in vars(want))
    with pytest.raises(TypeError):
        records.replaced(plain_cls(1), b=2)


def test_replaced_calls_replace_where_init_does_more():
    """A dataclass with ``__post_init__`` or a field outside ``__init__`` is replaced through its ``__init__``, as
    ``dataclasses.replace`` does (a copy of its fields would skip what ``__post_init__`` computes)."""

    @dataclasses.dataclass
    class Derived:
        a: int
        b: int = field(init=False, default=0)

        def __post_init__(self) -> None:
            self.b = self.a * 2

    assert records.replaced(Derived(1), a=4).b == 8
    with pytest.raises((ValueError, TypeError)):  # init=False: dataclasses.replace refuses it (TypeError from Python 3.13)
        records.replaced(Derived(1), b=3)
