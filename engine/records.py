"""``@record``: a stdlib dataclass whose methods are not compiled at import.

``dataclasses.dataclass`` writes ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and the frozen
``__setattr__`` of each class as source text and compiles it when the module is imported: with the
sixty-odd classes of a cold ``migov assess`` that was the largest part of its start-up after Python itself.
``record`` records the fields as ``dataclasses`` would (``__dataclass_fields__`` of ``Field`` objects and
``__dataclass_params__``, so ``dataclasses.fields``, ``replace``, ``asdict`` and pydantic see an ordinary
dataclass; collected here for the plain classes, by ``dataclasses`` for one with a ``ClassVar`` or a
dataclass base, its field collection being half the cost of a class) and gives the class generic methods that read those fields:
the same behaviour (positional and keyword arguments, defaults and factories, ``kw_only``, equality
and hash over the compared fields, the frozen error, the repr), no code compiled.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from types import MemberDescriptorType
from typing import Any, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T")
_MISSING: Any = dataclasses.MISSING
_SPECIAL = re.compile(r"ClassVar|InitVar|KW_ONLY")  # the annotations dataclasses reads for what they say
_HELD = object()
_FACTORY: Any = object()  # a compiled __init__'s default of a field made by its factory
COMPILE_AFTER = 16  # instances a class makes with the generic __init__ before its own is compiled (few make more)
# what dataclasses.fields() lists: a private marker of dataclasses, checked below (_probe); without it, or
# when it no longer means what it meant, ``record`` is plain ``dataclasses.dataclass``
_FIELD: Any = getattr(dataclasses, "_FIELD", None)
# the parameters _make gives dataclasses (init, repr and eq False), read from it once (their shape varies
# with Python) on a class with a docstring (else dataclasses computes one from the class's signature)
_PARAMS: Any = {kw: dataclasses.dataclass(type("_Params", (), {"__doc__": "-"}), init=False, repr=False, eq=False, kw_only=kw).__dataclass_params__  # type: ignore[attr-defined]
                for kw in (False, True)}


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = False, kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = False, kw_only: bool = False) -> Any:
    """``@dataclass``, ``@dataclass(frozen=True)``, ``@dataclass(kw_only=True)``, without compiled methods."""

    def wrap(c: type[T]) -> type[T]:
        if not FAST:
            return dataclasses.dataclass(c, frozen=frozen, kw_only=kw_only)
        return _make(c, frozen, kw_only)

    return wrap if cls is None else wrap(cls)


def _make(cls: type[T], frozen: bool, kw_only: bool) -> type[T]:
    own = dict(cls.__dict__)
    notes = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - the class's own dict (get_annotations copies it)
    plain = all(isinstance(v, str) and not _SPECIAL.search(v) for v in notes.values())
    if plain and not any(hasattr(b, "__dataclass_fields__") for b in cls.__mro__[1:]):
        dc: Any = cls
        fields = _collect(cls, notes, kw_only)
    else:
        dc, fields = _dataclass(cls, notes, kw_only)
    names = tuple(f.name for f in fields)
    if not own.get("__doc__"):
        dc.__doc__ = f"{cls.__name__}({', '.join(names)})"
    positional = tuple(f.name for f in fields if not f.kw_only)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    shown = tuple(f.name for f in fields if f.repr)
    defaults: dict[str, tuple[Any, Any]] = {f.name: (f.default, f.default_factory) for f in fields}
    name = cls.__qualname__
    setter = object.__setattr__

    where = {n: i for i, n in enumerate(positional)}
    slots: tuple[tuple[str, int, Any, Any], ...] = tuple((f.name, where.get(f.name, -1), f.default, f.default_factory) for f in fields)
    most = len(positional)

    calls = 0

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == COMPILE_AFTER and dc.__dict__.get("__init__") is __init__:
            compiled = _compiled_init(dc, name, slots)
            if compiled is not None:
                dc.__init__ = compiled  # the next instances are made by it; this one as before
        given = len(args)
        if given > most:
            raise TypeError(f"{name}.__init__() takes {most + 1} positional arguments but {given + 1} were given")
        taken = 0
        for field_name, at, default, factory in slots:
            if 0 <= at < given:
                if field_name in kwargs:
                    raise TypeError(f"{name}.__init__() got multiple values for argument '{field_name}'")
                value = args[at]
            elif field_name in kwargs:
                value = kwargs[field_name]
                taken += 1
            elif default is not _MISSING:
                value = default
            elif factory is not _MISSING:
                value = factory()
            else:
                raise TypeError(f"{name}.__init__() missing 1 required argument: '{field_name}'")
            setter(self, field_name, value)
        if taken != len(kwargs):
            key = next(k for k in kwargs if k not in defaults)
            raise TypeError(f"{name}.__init__() got an unexpected keyword argument '{key}'")

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + ")"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return tuple(getattr(self, n) for n in compared) == tuple(getattr(other, n) for n in compared)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, n) for n in hashed))

    def __setattr__(self: Any, key: str, value: Any) -> None:
        if type(self) is dc or key in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {key!r}")
        super(dc, self).__setattr__(key, value)

    def __delattr__(self: Any, key: str) -> None:
        if type(self) is dc or key in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {key!r}")
        super(dc, self).__delattr__(key)

    methods: dict[str, Any] = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__}
    if frozen:
        methods |= {"__setattr__": __setattr__, "__delattr__": __delattr__}
    for key, method in methods.items():
        if key not in own:
            method.__qualname__ = f"{name}.{key}"
            setattr(dc, key, method)
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not explicit_hash:
        dc.__hash__ = __hash__ if frozen else None  # dataclass: eq without frozen is unhashable
    dc.__match_args__ = positional  # type: ignore[misc]
    result: type[T] = dc
    return result


def replaced(obj: T, /, **changes: Any) -> T:
    """``dataclasses.replace(obj, **changes)``, made by copying the fields rather than through ``__init__`` where that is the
    same (every field an ``__init__`` parameter, no ``__post_init__``, an instance ``__dict__``); else ``dataclasses.replace``
    itself (its errors included). A report copies its hundred findings with their texts: ``replace`` reads the fields each time."""
    cls: Any = obj.__class__
    names = _REPLACEABLE.get(cls)
    if names is None:
        names = _REPLACEABLE[cls] = _replaceable(cls)
    if not names or not changes.keys() <= names.keys():
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    new: Any = object.__new__(cls)
    src, out = obj.__dict__, new.__dict__
    for name in names:
        out[name] = src[name]
    out.update(changes)
    return cast(T, new)


def _replaceable(cls: Any) -> dict[str, None]:
    """The fields of ``cls`` in order, where :func:`replaced` may copy them; empty where it must call ``dataclasses.replace``."""
    fields = getattr(cls, "__dataclass_fields__", None)
    if fields is None or hasattr(cls, "__post_init__") or any("__slots__" in c.__dict__ for c in cls.__mro__[:-1]):
        return {}
    if any(not f.init or f._field_type is not _FIELD or hasattr(type(getattr(cls, n, None)), "__set__") for n, f in fields.items()):
        return {}
    return dict.fromkeys(fields)


_REPLACEABLE: dict[type, dict[str, None]] = {}


def _compiled_init(cls: Any, name: str, slots: tuple[tuple[str, int, Any, Any], ...]) -> Any:
    """The ``__init__`` ``dataclasses`` would write for these fields, compiled now (the class is in use): the values
    stored in the instance's ``__dict__`` as the generic one's ``object.__setattr__`` does. None where the generic
    one must stay: a class without an instance ``__dict__``, a field that is a descriptor, or a signature Python refuses."""
    if any("__slots__" in c.__dict__ for c in cls.__mro__[:-1]) or any(hasattr(type(getattr(cls, f, None)), "__set__") for f, *_ in slots):
        return None
    me = "self" if all(f != "self" for f, *_ in slots) else "__record_self__"
    env: dict[str, Any] = {"_FACTORY": _FACTORY}
    params, kw, body = [me], list[str](), list[str]()
    for f, at, default, factory in slots:
        if default is not _MISSING:
            env[f"_d_{f}"] = default
            param = f"{f}=_d_{f}"
        elif factory is not _MISSING:
            env[f"_f_{f}"] = factory
            param = f"{f}=_FACTORY"
            body.append(f"  if {f} is _FACTORY: {f} = _f_{f}()")
        else:
            param = f
        (params if at >= 0 else kw).append(param)
        body.append(f"  __d__[{f!r}] = {f}")
    if kw:
        params += ["*", *kw]
    source = f"def __init__({', '.join(params)}):\n  __d__ = {me}.__dict__\n" + "\n".join(body) + "\n"
    try:
        exec(source, env)  # noqa: S102 - our own text, built from the class's field names (identifiers)
    except SyntaxError:
        return None  # e.g. a positional field without a default after one with
    init = env["__init__"]
    init.__qualname__, init.__module__ = f"{name}.__init__", cls.__module__
    return init


def _collect(cls: Any, notes: dict[str, str], kw_only: bool) -> tuple[dataclasses.Field[Any], ...]:
    """What ``dataclasses`` records of a class with no dataclass base and plain string annotations (no
    ``ClassVar``, ``InitVar`` or ``KW_ONLY``): its fields and parameters, the class attributes of the fields
    given by ``field()`` replaced by their defaults; the mutable default refused as ``dataclasses`` does."""
    fields: dict[str, dataclasses.Field[Any]] = {}
    for name, kind in notes.items():
        default = getattr(cls, name, _MISSING)
        if isinstance(default, dataclasses.Field):
            f = default
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = dataclasses.field(default=_MISSING if isinstance(default, MemberDescriptorType) else default)
        f.name, f.type, f._field_type = name, kind, _FIELD  # type: ignore[attr-defined]
        if f.kw_only is _MISSING:
            f.kw_only = kw_only
        if f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        fields[name] = f
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in notes:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    cls.__dataclass_params__ = _PARAMS[kw_only]
    cls.__dataclass_fields__ = fields
    return tuple(fields.values())


def _dataclass(cls: type[T], notes: dict[str, Any], kw_only: bool) -> tuple[Any, tuple[dataclasses.Field[Any], ...]]:
    """``dataclasses.dataclass`` collecting the fields (a class with a special annotation or a dataclass base)."""
    if not cls.__doc__:
        cls.__doc__ = f"{cls.__name__}()"  # not dataclasses' (it would compute the class's signature); set by _make
    # dataclasses reads a string annotation three times (ClassVar? InitVar? KW_ONLY?) with a regular
    # expression each: a plain one is held as an object while it collects the fields, then put back
    held = {k: v for k, v in notes.items() if isinstance(v, str) and not _SPECIAL.search(v)}
    for k in held:
        notes[k] = _HELD
    try:
        dc: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
    finally:
        notes.update(held)
    fields = dataclasses.fields(dc)
    for f in fields:
        if f.type is _HELD:
            f.type = held[f.name]
    return dc, fields


def _probe() -> bool:
    """Whether the generic methods may be used here: the private parts of ``dataclasses`` they rest on are
    there, and a class made by ``_make`` reads through ``dataclasses`` as a dataclass-made one does."""
    try:
        if _FIELD is None or type(_FIELD).__name__ != "_FIELD_BASE":
            return False

        def shape(c: Any) -> Any:
            return [(f.name, f.default, f.kw_only, f.compare) for f in dataclasses.fields(c)]

        made: Any = _make(type("_Probe", (), {"__annotations__": {"a": "int", "b": "str"}, "b": "x", "__doc__": "-"}), True, False)
        one = made(1)
        # what dataclasses.fields() gives for @dataclass(frozen=True) of these fields (written out: making a real
        # dataclass to compare with costs a third of a millisecond at every start)
        return bool(shape(made) == [("a", dataclasses.MISSING, False, True), ("b", "x", False, True)] and dataclasses.asdict(one) == {"a": 1, "b": "x"}
                    and dataclasses.replace(one, b="y") == made(1, "y") and dataclasses.is_dataclass(made))
    except Exception:  # noqa: BLE001 - any surprise in dataclasses' internals means: do not rely on them
        return False


FAST = _probe()  # False: ``record`` is ``dataclasses.dataclass`` itself (tests/test_records.py forces that path)
